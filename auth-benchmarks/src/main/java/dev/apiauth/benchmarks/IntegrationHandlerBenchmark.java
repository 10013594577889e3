package dev.apiauth.benchmarks;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
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
 * The integration's own cost without the network: apiauth's exec-chain handler against a request
 * interceptor setting a constant header, both ending in a chain that answers 200 at once. The
 * loopback GET benchmark says whether that cost matters; this one says what it is, free of the
 * noise of a socket round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IntegrationHandlerBenchmark {
    private static final ExecChain ANSWER_200 = (request, scope) -> new BasicClassicHttpResponse(200);

    private LoopbackTokenServer server;
    private Credentials credentials;
    private AuthExecChainHandler handler;
    private HttpRequestInterceptor constantHeader;
    private URI api;

    @Setup(Level.Trial)
    public void setUp() {
        server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1));
        api = server.apiUri();
        credentials = Apiauth.credentials(server.tokenUri());
        String authorization = credentials.headers().get("Authorization");
        handler = new AuthExecChainHandler(credentials);
        constantHeader = (request, entity, context) -> request.setHeader("Authorization", authorization);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        credentials.close();
        server.close();
    }

    @Benchmark
    public ClassicHttpResponse apiauthHandler() throws IOException, HttpException {
        // The scope is only passed through to the chain, which ignores it.
        return handler.execute(new HttpGet(api), null, ANSWER_200);
    }

    @Benchmark
    public ClassicHttpResponse constantHeader() throws IOException, HttpException {
        HttpGet request = new HttpGet(api);
        constantHeader.process(request, null, null);
        return ANSWER_200.proceed(request, null);
    }
}
