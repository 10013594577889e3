package dev.apiauth.tck.reference;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.oauth2.ClientCredentials;
import java.util.Map;

/** The TCK's reference provider without a token endpoint: HTTP Basic on every API request. */
public class StaticProvider implements AuthProvider {
    public static final String ID = "tck-reference-static";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.builder("TCK reference (HTTP Basic)")
                .documentation("https://www.rfc-editor.org/rfc/rfc7617")
                .setting(Setting.text("login", "User name").required())
                .setting(Setting.secret("password", "Password").required())
                .build();
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        String login = settings.get("login");
        Secret password = settings.secret("password");
        return new TokenSource() {
            @Override
            public AccessToken fetch() {
                // No round trip: the "token" is the Basic credential itself, kept as long as it is accepted.
                return AccessToken.builder(ClientCredentials.basic(login, password.reveal()).substring(6),
                        context.clock().instant()).type("Basic").build();
            }

            @Override
            public Map<String, String> headers(AccessToken token) {
                return Map.of("Authorization", "Basic " + token.value());
            }

            @Override
            public String toString() {
                return "StaticSource[" + login + "]";
            }
        };
    }
}
