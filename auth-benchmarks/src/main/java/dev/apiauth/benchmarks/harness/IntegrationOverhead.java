package dev.apiauth.benchmarks.harness;

import dev.apiauth.benchmarks.Apiauth;
import dev.apiauth.benchmarks.LoopbackTokenServer;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Loopback GETs through Apache HttpClient 5 with apiauth's exec-chain handler against the same client
 * adding a constant {@code Authorization} header with a request interceptor, interleaved in blocks a
 * few milliseconds long in one JVM. A round trip on a shared 2-core machine drifts by far more than
 * the 2 % being judged, within seconds; comparing each block with its neighbour cancels that drift,
 * which separate JMH forks run one after the other cannot. The order inside a pair alternates.
 * {@code IntegrationOverheadBenchmark} is the same comparison under JMH, for its profilers.
 *
 * <p>{@code java -cp benchmarks.jar dev.apiauth.benchmarks.harness.IntegrationOverhead --seconds 40 --out integration.json}
 */
public final class IntegrationOverhead {
    private static final HttpClientResponseHandler<Integer> STATUS = response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
    };

    private IntegrationOverhead() {
    }

    /** The run's figures; times in microseconds per request. */
    /**
     * The run's figures; times in microseconds per request. The judged difference is the geometric mean
     * of the pairs' ratios (the mean of their logarithms, so a block slowed by a hiccup weighs the same
     * whichever client it hit) with its 95 % interval; the median pair and the totals cross-check it.
     */
    public record Report(long seconds, long warmupSeconds, int requestsPerBlock, int pairs, long requests,
            double apiauthMeanMicros, double constantHeaderMeanMicros, double geometricMeanDifferencePercent,
            double ci95LowPercent, double ci95HighPercent, double medianPairDifferencePercent,
            double overallDifferencePercent) {
    }

    public static void main(String[] args) throws Exception {
        Args options = new Args(args);
        Report report = run(options.seconds("warmup-s", 10), options.seconds("seconds", 40),
                options.integer("block", 100));
        System.out.printf("integration: apiauth %.2f µs, constant header %.2f µs per request; pairs %d;"
                        + " difference %+.2f %% [%+.2f, %+.2f] (geometric mean, 95 %%), median pair %+.2f %%%n",
                report.apiauthMeanMicros(), report.constantHeaderMeanMicros(), report.pairs(),
                report.geometricMeanDifferencePercent(), report.ci95LowPercent(), report.ci95HighPercent(),
                report.medianPairDifferencePercent());
        ResultFiles.write(options.path("out", "integration.json"), report);
        System.exit(0);
    }

    /** Warms both clients up, then measures pairs of {@code block}-request blocks for {@code duration}. */
    public static Report run(Duration warmup, Duration duration, int block) throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1));
                Credentials credentials = Apiauth.credentials(server.tokenUri())) {
            String authorization = credentials.headers().get("Authorization");
            URI api = server.apiUri();
            try (CloseableHttpClient withApiauth = AuthExecChainHandler.install(HttpClients.custom(), credentials).build();
                    CloseableHttpClient withConstantHeader = HttpClients.custom()
                            .addRequestInterceptorFirst((request, entity, context) ->
                                    request.setHeader("Authorization", authorization))
                            .build()) {
                long warmupEnd = System.nanoTime() + warmup.toNanos();
                while (System.nanoTime() < warmupEnd) {
                    block(withApiauth, api, block);
                    block(withConstantHeader, api, block);
                }
                List<double[]> pairs = new ArrayList<>();
                long end = System.nanoTime() + duration.toNanos();
                long apiauthNanos = 0;
                long constantNanos = 0;
                for (int pair = 0; System.nanoTime() < end; pair++) {
                    long a;
                    long c;
                    if (pair % 2 == 0) {
                        a = block(withApiauth, api, block);
                        c = block(withConstantHeader, api, block);
                    } else {
                        c = block(withConstantHeader, api, block);
                        a = block(withApiauth, api, block);
                    }
                    apiauthNanos += a;
                    constantNanos += c;
                    pairs.add(new double[] {a, c});
                }
                if (server.apiRequestsWithoutAuthorization() != 0) {
                    throw new IllegalStateException("API requests arrived without an Authorization header");
                }
                return report(warmup, duration, block, pairs, apiauthNanos, constantNanos);
            }
        }
    }

    static Report report(Duration warmup, Duration duration, int block, List<double[]> pairs, long apiauthNanos,
            long constantNanos) {
        double[] logRatios = pairs.stream().mapToDouble(pair -> Math.log(pair[0] / pair[1])).toArray();
        int n = logRatios.length;
        double mean = Arrays.stream(logRatios).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(logRatios).map(d -> (d - mean) * (d - mean)).sum() / Math.max(1, n - 1));
        double half = 1.96 * sd / Math.sqrt(Math.max(1, n));
        double[] sorted = logRatios.clone();
        Arrays.sort(sorted);
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        long requests = (long) n * block;
        return new Report(duration.toSeconds(), warmup.toSeconds(), block, n, requests * 2,
                apiauthNanos / 1000.0 / Math.max(1, requests), constantNanos / 1000.0 / Math.max(1, requests),
                percent(mean), percent(mean - half), percent(mean + half), percent(median),
                (double) (apiauthNanos - constantNanos) / constantNanos * 100);
    }

    private static double percent(double logRatio) {
        return Math.expm1(logRatio) * 100;
    }

    /** Nanoseconds for {@code count} GETs. */
    private static long block(CloseableHttpClient client, URI api, int count) throws IOException {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (client.execute(new HttpGet(api), STATUS) != 200) {
                throw new IllegalStateException("the loopback API did not answer 200");
            }
        }
        return System.nanoTime() - started;
    }
}
