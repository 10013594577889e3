package dev.apiauth.redis;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.GrantRequest;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.time.Duration;
import java.util.List;

/** An RFC 6749 client_credentials provider against WireMock, with an optional per-second budget. */
final class FleetTestProvider implements AuthProvider {
    static final String CLIENT_SECRET = "fleet-client-secret-7Qz";

    @Override
    public String id() {
        return "fleet-test";
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.builder("Fleet test")
                .documentation("https://www.rfc-editor.org/rfc/rfc6749")
                .setting(Setting.text("client-id", "OAuth client id").required())
                .setting(Setting.secret("client-secret", "OAuth client secret").required())
                .setting(Setting.url("token-url", "Token endpoint").required())
                .setting(Setting.integer("requests-per-second", "Pacing budget, 0 for none").defaultValue("0"))
                .build();
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        ClientCredentials client = new ClientCredentials(settings.get("client-id"), settings.secret("client-secret"));
        long perSecond = settings.integer("requests-per-second");
        return new TokenSource() {
            @Override
            public AccessToken fetch() {
                return TokenResponses.of(context).parse(context.tokenEndpoint().send(
                        GrantRequest.clientCredentials(settings.uri("token-url"), client).build()));
            }

            @Override
            public List<RateLimit> rateLimits() {
                return perSecond == 0 ? List.of() : List.of(RateLimit.of(perSecond, Duration.ofSeconds(1)));
            }

            @Override
            public String rateLimitScope() {
                return "fleet-test:" + client.clientId();
            }
        };
    }
}
