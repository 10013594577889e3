package dev.apiauth.benchmarks.harness;

import dev.apiauth.benchmarks.LoopbackTokenServer;
import dev.apiauth.benchmarks.Peers.Library;
import dev.apiauth.benchmarks.Schedule;
import dev.apiauth.benchmarks.TokenClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thousand threads ask for the headers the moment the cached token has expired, against a token
 * endpoint that takes 50 ms: how many token requests each library sends, and how long callers wait.
 * Each library gets its own endpoint, primes one token, and the threads are released together once
 * that token counts as expired for the library.
 *
 * <p>{@code java -cp benchmarks.jar dev.apiauth.benchmarks.harness.RefreshStorm --threads 1000 --out storm.json}
 */
public final class RefreshStorm {
    private RefreshStorm() {
    }

    /** One library's storm. */
    public record Result(String library, int threads, int tokenRequests, int distinctTokens, int errors,
            double p50Millis, double p99Millis, double maxMillis, double lastWokenMillis, String firstError) {
    }

    /** The whole run. */
    public record Report(int threads, long latencyMillis, long tokenLifetimeSeconds, String schedule,
            List<Result> results) {
    }

    public static void main(String[] args) throws Exception {
        Args options = new Args(args);
        int threads = options.integer("threads", 1000);
        Duration latency = options.millis("latency-ms", 50);
        Duration lifetime = options.seconds("lifetime-s", 2);
        Path out = options.path("out", "storm.json");
        List<Library> libraries = Arrays.stream(options.text("libraries",
                "apiauth,google-auth,spring-security,spring-security-jdk").split(","))
                .map(Library::parse).toList();
        List<Result> results = new ArrayList<>();
        for (Library library : libraries) {
            Result result = run(library, threads, latency, lifetime);
            System.out.printf("storm %-34s token requests %4d  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  last woken %6.2f ms"
                    + "  errors %d%n", result.library(), result.tokenRequests(), result.p50Millis(), result.p99Millis(),
                    result.maxMillis(), result.lastWokenMillis(), result.errors());
            results.add(result);
        }
        ResultFiles.write(out, new Report(threads, latency.toMillis(), lifetime.toSeconds(),
                Schedule.proportional(lifetime).toString(), results));
        System.exit(0);
    }

    /** Runs one library's storm on its own endpoint. */
    public static Result run(Library library, int threads, Duration latency, Duration lifetime) throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(latency, lifetime);
                TokenClient client = library.client(server.tokenUri(), Schedule.proportional(lifetime))) {
            client.authorization();
            long primed = System.nanoTime();
            int before = server.tokenRequests();

            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] waits = new long[threads];
            long[] woken = new long[threads];
            AtomicLong released = new AtomicLong();
            Set<String> tokens = ConcurrentHashMap.newKeySet();
            AtomicInteger errors = new AtomicInteger();
            List<String> firstError = new ArrayList<>(1);
            List<Thread> workers = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                int index = i;
                Thread worker = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        woken[index] = System.nanoTime() - released.get();
                        tokens.add(client.authorization());
                    } catch (Exception e) {
                        if (errors.getAndIncrement() == 0) {
                            synchronized (firstError) {
                                firstError.add(e.toString());
                            }
                        }
                    } finally {
                        waits[index] = System.nanoTime() - released.get();
                    }
                }, "storm-" + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            ready.await();
            // Every library's token counts as expired at lifetime minus its margin; wait past the lifetime itself.
            long expired = primed + lifetime.toNanos() + TimeUnit.MILLISECONDS.toNanos(100);
            while (System.nanoTime() < expired) {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(expired - System.nanoTime())));
            }
            released.set(System.nanoTime());
            go.countDown();
            for (Thread worker : workers) {
                worker.join(TimeUnit.MINUTES.toMillis(2));
            }
            Stats stats = Stats.of(waits);
            return new Result(library.label(), threads, server.tokenRequests() - before, tokens.size(), errors.get(),
                    Stats.millis(stats.percentile(50)), Stats.millis(stats.percentile(99)), Stats.millis(stats.max()),
                    Stats.millis(Stats.of(woken).max()), firstError.isEmpty() ? null : firstError.get(0));
        }
    }
}
