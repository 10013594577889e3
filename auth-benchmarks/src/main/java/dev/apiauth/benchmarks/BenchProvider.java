package dev.apiauth.benchmarks;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.GrantRequest;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;

/**
 * A plain RFC 6749 client-credentials provider, the same grant the peers are configured with, so the
 * benchmarks compare the engines and not the vendors. Not registered in {@code META-INF/services}:
 * the cold-start benchmark discovers exactly the five real providers.
 */
public final class BenchProvider implements AuthProvider {
    /** The provider id. */
    public static final String ID = "bench";
    static final String TOKEN_URL = "token-url";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";

    private static final ProviderInfo INFO = ProviderInfo.builder("Benchmark client credentials")
            .documentation("https://www.rfc-editor.org/rfc/rfc6749#section-4.4")
            .setting(Setting.url(TOKEN_URL, "Token endpoint").required())
            .setting(Setting.text(CLIENT_ID, "OAuth client id").required())
            .setting(Setting.secret(CLIENT_SECRET, "OAuth client secret").required())
            .capabilities(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS)
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        URI tokenUrl = settings.uri(TOKEN_URL);
        ClientCredentials client = new ClientCredentials(settings.get(CLIENT_ID), settings.secret(CLIENT_SECRET));
        TokenResponses responses = TokenResponses.of(context);
        return new TokenSource() {
            @Override
            public AccessToken fetch() {
                return responses.parse(context.tokenEndpoint().send(
                        GrantRequest.clientCredentials(tokenUrl, client).build()));
            }

            @Override
            public String toString() {
                return "BenchTokenSource[" + tokenUrl + ", " + client + "]";
            }
        };
    }

    @Override
    public String toString() {
        return "BenchProvider[" + ID + "]";
    }
}
