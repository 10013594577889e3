package dev.apiauth.benchmarks;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A loopback GET through Apache HttpClient 5 with apiauth's exec-chain handler, against the same
 * client that adds a constant {@code Authorization} header with a request interceptor: the price of
 * the integration itself (token lookup, pacing check, request copy for the 401 retry).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IntegrationOverheadBenchmark {
    private static final HttpClientResponseHandler<Integer> STATUS = response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
    };

    private LoopbackTokenServer server;
    private Credentials credentials;
    private CloseableHttpClient withApiauth;
    private CloseableHttpClient withConstantHeader;
    private URI api;

    @Setup(Level.Trial)
    public void setUp() {
        server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1));
        api = server.apiUri();
        credentials = Apiauth.credentials(server.tokenUri());
        String authorization = credentials.headers().get("Authorization");
        withApiauth = AuthExecChainHandler.install(HttpClients.custom(), credentials).build();
        withConstantHeader = HttpClients.custom()
                .addRequestInterceptorFirst((request, entity, context) -> request.setHeader("Authorization", authorization))
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        withApiauth.close();
        withConstantHeader.close();
        credentials.close();
        int missing = server.apiRequestsWithoutAuthorization();
        server.close();
        if (missing != 0) {
            throw new IllegalStateException(missing + " API requests arrived without an Authorization header");
        }
    }

    @Benchmark
    public int apiauthHandler() throws IOException {
        return withApiauth.execute(new HttpGet(api), STATUS);
    }

    @Benchmark
    public int constantHeader() throws IOException {
        return withConstantHeader.execute(new HttpGet(api), STATUS);
    }
}
