package dev.apiauth.reliability.soak;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import dev.apiauth.provider.docplanner.DocplannerProvider;
import dev.apiauth.shapes.DocplannerShapes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The soak: an Apache HttpClient 5 client with {@link AuthExecChainHandler}, 8 threads, against a
 * loopback server that issues 1-second tokens and rejects expired ones, for N requests. Measures
 * what reaches the callers, the token requests, and threads and heap before and after.
 *
 * <pre>
 * java -cp … dev.apiauth.reliability.soak.Soak [requests=20000] [markdown-file] [properties-file]
 * </pre>
 *
 * Exits 1 when an authorization failure or an exception reached a caller.
 */
public final class Soak {
    static final int THREADS = 8;
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(1);

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        long requests = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 20_000;
        SoakResult result = run(requests);
        String command = "java -cp <auth-reliability runtime classpath> " + Soak.class.getName() + " " + requests
                + "  (or: mvn -pl auth-reliability exec:exec@soak -Dsoak.requests=" + requests + ")";
        String markdown = result.markdown(command);
        System.out.println(markdown);
        if (args.length > 1) {
            write(Path.of(args[1]), markdown);
        }
        if (args.length > 2) {
            write(Path.of(args[2]), result.toProperties());
        }
        System.exit(result.authorizationFailures() == 0 && result.exceptions() == 0 ? 0 : 1);
    }

    /** Runs {@code requests} requests (plus a warm-up of a tenth, at most 5 000) and measures them. */
    public static SoakResult run(long requests) throws Exception {
        long warmUp = Math.min(5_000, Math.max(500, requests / 10));
        try (SoakServer server = new SoakServer(TOKEN_LIFETIME, THREADS);
                Credentials credentials = Credentials.builder(new DocplannerProvider())
                        .settings(Map.of("client-id", DocplannerShapes.DEMO_CLIENT_ID,
                                "client-secret", DocplannerShapes.DEMO_CLIENT_SECRET,
                                "domain", DocplannerShapes.DEMO_DOMAIN,
                                "token-url", server.baseUrl() + SoakServer.TOKEN_PATH,
                                "api-base-url", server.baseUrl() + "/api/v3/integration"))
                        .build();
                CloseableHttpClient client = AuthExecChainHandler.install(HttpClients.custom()
                        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                .setMaxConnTotal(THREADS * 2).setMaxConnPerRoute(THREADS * 2).build()), credentials)
                        .build()) {
            String api = server.baseUrl() + SoakServer.API_PATH;
            ExecutorService callers = Executors.newFixedThreadPool(THREADS, runnable -> {
                Thread thread = new Thread(runnable, "soak-caller");
                thread.setDaemon(true);
                return thread;
            });
            try {
                drive(callers, client, api, warmUp, new Counters());
                Set<String> threadsBefore = threadNames();
                int threadsStart = Thread.activeCount();
                long heapStart = usedHeapAfterGc();
                long tokensBefore = server.tokenRequests.get();
                long rejectedBefore = server.rejected.get();

                Counters counters = new Counters();
                long started = System.nanoTime();
                drive(callers, client, api, requests, counters);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

                int threadsEnd = Thread.activeCount();
                List<String> newThreads = threadNames().stream().filter(name -> !threadsBefore.contains(name))
                        .sorted().collect(Collectors.toList());
                long heapEnd = usedHeapAfterGc();
                return new SoakResult(requests, counters.ok.get(), counters.authorization.get(), counters.other.get(),
                        counters.exceptions.get(), server.tokenRequests.get() - tokensBefore,
                        server.rejected.get() - rejectedBefore, elapsed, TOKEN_LIFETIME, threadsStart, threadsEnd,
                        heapStart, heapEnd, newThreads);
            } finally {
                callers.shutdownNow();
            }
        }
    }

    /** {@code count} GETs shared by the caller threads; every answer is read and classified. */
    private static void drive(ExecutorService callers, CloseableHttpClient client, String api, long count,
            Counters counters) throws Exception {
        AtomicLong remaining = new AtomicLong(count);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            running.add(callers.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    try {
                        int status = client.execute(new HttpGet(api), response -> {
                            EntityUtils.consume(response.getEntity());
                            return response.getCode();
                        });
                        (status == 200 ? counters.ok : status == 401 || status == 403 ? counters.authorization
                                : counters.other).incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        counters.exceptions.incrementAndGet();
                        if (counters.exceptions.get() <= 3) {
                            System.err.println("soak: request failed: " + e);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // let the collector and reference processing settle between runs
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void write(Path file, String text) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static final class Counters {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong authorization = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        final AtomicLong exceptions = new AtomicLong();
    }
}
