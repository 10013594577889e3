package dev.apiauth.redis;

import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * One instance of a fleet in its own JVM, for {@link SeparateProcessesTest}: connects, prints
 * {@code ready}, waits for {@code go} on standard input, asks for a token and prints its id (a keyed
 * digest, not the token).
 *
 * <p>Arguments: Redis URI, token URL.
 */
public final class FleetChild {
    private FleetChild() {
    }

    public static void main(String[] args) throws Exception {
        // Generous timeouts: three JVMs start at once on a machine that may be busy.
        try (RedisSharedState fleet = RedisSharedState.builder().redisUri(args[0]).encryptionKey(Fleet.KEY)
                .commandTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(5))
                .retryInterval(Duration.ofMillis(100)).build();
                Credentials credentials = Credentials.builder(new FleetTestProvider())
                        .settings(Map.of("client-id", Fleet.CLIENT_ID, "client-secret", FleetTestProvider.CLIENT_SECRET,
                                "token-url", args[1]))
                        .clock(Clock.systemUTC())
                        .sharedState(fleet)
                        .build()) {
            // Connect before the race, so the race is about the token, not JVM start-up.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!fleet.ping()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Redis at " + args[0] + " does not answer");
                }
                Thread.sleep(100);
            }
            System.out.println("ready");
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(input.readLine())) {
                throw new IllegalStateException("expected 'go'");
            }
            AccessToken token = credentials.token();
            System.out.println("token " + new Encryption(java.util.List.of(java.util.Base64.getDecoder()
                    .decode(Fleet.KEY.reveal()))).tokenId(token.value()));
        }
    }
}
