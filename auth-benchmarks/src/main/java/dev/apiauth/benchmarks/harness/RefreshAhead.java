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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Steady load across many token lifetimes: a few threads ask for the headers every half
 * millisecond while 2-second tokens come and go from an endpoint that takes 50 ms. A call "waited on
 * the token endpoint" when it took over 1 ms and was still in progress when the endpoint sent a token:
 * a caller blocked on a token request can only return after its answer. Calls over 1 ms that ended
 * before any answer (GC and JIT safepoints, scheduling on a busy machine) are counted apart.
 *
 * <p>{@code java -cp benchmarks.jar dev.apiauth.benchmarks.harness.RefreshAhead --seconds 20 --out refresh-ahead.json}
 */
public final class RefreshAhead {
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private RefreshAhead() {
    }

    /** One library's run. */
    public record Result(String library, long calls, long waitedOnEndpoint, double waitedShare,
            long slowCallsOtherwise, int tokenRequests, double maxWaitMillis, int errors) {
    }

    /** The whole run. */
    public record Report(long seconds, long tokenLifetimeSeconds, long latencyMillis, int threads, long pauseMicros,
            String schedule, List<Result> results) {
    }

    public static void main(String[] args) throws Exception {
        Args options = new Args(args);
        Duration duration = options.seconds("seconds", 20);
        Duration lifetime = options.seconds("lifetime-s", 2);
        Duration latency = options.millis("latency-ms", 50);
        int threads = options.integer("threads", 4);
        long pauseMicros = options.integer("pause-us", 500);
        Path out = options.path("out", "refresh-ahead.json");
        List<Library> libraries = Arrays.stream(options.text("libraries", "apiauth,google-auth,spring-security")
                .split(",")).map(Library::parse).toList();
        List<Result> results = new ArrayList<>();
        for (Library library : libraries) {
            Result result = run(library, duration, lifetime, latency, threads, pauseMicros);
            System.out.printf("refresh-ahead %-16s calls %8d  waited on endpoint %5d (%.4f %%)  other slow %4d"
                    + "  token requests %3d  errors %d%n", result.library(), result.calls(), result.waitedOnEndpoint(),
                    result.waitedShare() * 100, result.slowCallsOtherwise(), result.tokenRequests(), result.errors());
            results.add(result);
        }
        ResultFiles.write(out, new Report(duration.toSeconds(), lifetime.toSeconds(), latency.toMillis(), threads,
                pauseMicros, Schedule.proportional(lifetime).toString(), results));
        System.exit(0);
    }

    /** Runs one library under load for {@code duration} on its own endpoint. */
    public static Result run(Library library, Duration duration, Duration lifetime, Duration latency, int threads,
            long pauseMicros) throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(latency, lifetime);
                TokenClient client = library.client(server.tokenUri(), Schedule.proportional(lifetime))) {
            client.authorization();
            int before = server.tokenRequests();
            server.clearIntervals();
            AtomicLong calls = new AtomicLong();
            AtomicInteger errors = new AtomicInteger();
            // {started, took} of every call over 1 ms, from all threads.
            Queue<long[]> slow = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + duration.toNanos();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    long count = 0;
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        try {
                            client.authorization();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        long took = System.nanoTime() - started;
                        count++;
                        if (took > SLOW_NANOS) {
                            slow.add(new long[] {started, took});
                        }
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
                    }
                    calls.addAndGet(count);
                }, "load-" + t);
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            List<LoopbackTokenServer.Interval> requests = server.tokenRequestIntervals();
            long waited = 0;
            long otherSlow = 0;
            long maxWait = 0;
            for (long[] call : slow) {
                long started = call[0];
                long took = call[1];
                if (requests.stream().anyMatch(request -> request.answeredWithin(started, started + took))) {
                    waited++;
                    maxWait = Math.max(maxWait, took);
                } else {
                    otherSlow++;
                }
            }
            long total = calls.get();
            return new Result(library.label(), total, waited, total == 0 ? 0 : (double) waited / total, otherSlow,
                    server.tokenRequests() - before, Stats.millis(maxWait), errors.get());
        }
    }
}
