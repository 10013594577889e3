package dev.apiauth.benchmarks;

import dev.apiauth.core.Credentials;
import java.net.URI;
import java.util.Map;

/** apiauth as an application would set it up: the engine's defaults, the client-credentials grant. */
public final class Apiauth {
    private Apiauth() {
    }

    /** Credentials for the benchmark account at {@code tokenUri}, with every engine default. */
    public static Credentials credentials(URI tokenUri) {
        return Credentials.builder(new BenchProvider())
                .settings(Map.of(BenchProvider.TOKEN_URL, tokenUri.toString(),
                        BenchProvider.CLIENT_ID, Peers.CLIENT_ID,
                        BenchProvider.CLIENT_SECRET, Peers.CLIENT_SECRET))
                .build();
    }

    /** The same credentials behind the harnesses' {@link TokenClient}. */
    public static TokenClient client(URI tokenUri) {
        Credentials credentials = credentials(tokenUri);
        return new TokenClient() {
            @Override
            public String authorization() {
                return credentials.headers().get("Authorization");
            }

            @Override
            public void close() {
                credentials.close();
            }
        };
    }
}
