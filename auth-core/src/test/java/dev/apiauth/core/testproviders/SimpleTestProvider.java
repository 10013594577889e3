package dev.apiauth.core.testproviders;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;

/**
 * A minimal provider for discovery tests: a fixed id and SPI version, one optional setting, a token
 * source that issues a constant token without any I/O.
 */
abstract class SimpleTestProvider implements AuthProvider {
    private final String id;
    private final int spiVersion;

    SimpleTestProvider(String id, int spiVersion) {
        this.id = id;
        this.spiVersion = spiVersion;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.builder("Test provider " + id)
                .documentation("https://example.com/" + id)
                .setting(Setting.text("label", "A label the tests may set"))
                .build();
    }

    @Override
    public int requestedSpiVersion() {
        return spiVersion;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return () -> AccessToken.builder("static-" + id, context.clock().instant()).build();
    }
}
