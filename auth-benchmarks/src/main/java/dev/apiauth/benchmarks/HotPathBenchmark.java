package dev.apiauth.benchmarks;

import com.google.auth.oauth2.OAuth2Credentials;
import dev.apiauth.core.Credentials;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * The per-request cost with a valid token cached: what each library does before every API call.
 * One shared instance per library (as applications share them), called from one thread and, in the
 * {@code _2threads} twin, from two: the twins run right after each other, so the throughput ratio is
 * taken under the same conditions of a shared machine (two separate runs with {@code -t} are minutes apart). Each library fetched one one-hour token from the
 * loopback endpoint first; a tear-down check fails the run if any benchmark fetched another, so
 * only the cached path is measured. {@link #volatileReadBaseline()} is the control: one volatile
 * read, the floor of any lock-free cache, and what the machine allows for 2-thread scaling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class HotPathBenchmark {
    private LoopbackTokenServer server;
    private Credentials apiauth;
    private OAuth2Credentials googleAuth;
    private SpringSecurity springSecurity;
    private volatile Map<String, String> cachedHeaders = Map.of("Authorization", "Bearer loopback-token-0");

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1));
        apiauth = Apiauth.credentials(server.tokenUri());
        googleAuth = GoogleAuth.credentials(server.tokenUri(), Schedule.libraryDefaults());
        springSecurity = SpringSecurity.create(server.tokenUri(), Schedule.libraryDefaults(),
                SpringSecurity.Transport.DEFAULT);
        require(apiauth.headers().get("Authorization"), "apiauth");
        require(googleAuth.getRequestMetadata().get("Authorization").get(0), "google-auth");
        require("Bearer " + springSecurity.authorize().getAccessToken().getTokenValue(), "spring-security");
        if (server.tokenRequests() != 3) {
            throw new IllegalStateException("expected one token request per library, saw " + server.tokenRequests());
        }
    }

    private static void require(String authorization, String library) {
        if (authorization == null || !authorization.startsWith("Bearer loopback-token-")) {
            throw new IllegalStateException(library + " did not produce the loopback token: " + authorization);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        int requests = server.tokenRequests();
        apiauth.close();
        server.close();
        if (requests != 3) {
            throw new IllegalStateException("a library fetched a token during the measurement (" + requests
                    + " token requests); the hot path was not what was measured");
        }
    }

    @Benchmark
    public Map<String, String> volatileReadBaseline() {
        return cachedHeaders;
    }

    @Benchmark
    @Threads(2)
    public Map<String, String> volatileReadBaseline_2threads() {
        return cachedHeaders;
    }

    @Benchmark
    public Map<String, String> apiauth() {
        return apiauth.headers();
    }

    @Benchmark
    @Threads(2)
    public Map<String, String> apiauth_2threads() {
        return apiauth.headers();
    }

    @Benchmark
    public Map<String, List<String>> googleAuth() throws IOException {
        return googleAuth.getRequestMetadata();
    }

    @Benchmark
    @Threads(2)
    public Map<String, List<String>> googleAuth_2threads() throws IOException {
        return googleAuth.getRequestMetadata();
    }

    @Benchmark
    public OAuth2AuthorizedClient springSecurity() {
        return springSecurity.authorize();
    }

    @Benchmark
    @Threads(2)
    public OAuth2AuthorizedClient springSecurity_2threads() {
        return springSecurity.authorize();
    }
}
