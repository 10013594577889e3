package dev.apiauth.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint and a trivial API on 127.0.0.1, for the benchmarks: {@code POST|GET /token}
 * answers an RFC 6749 §5.1 token after a configurable latency, {@code GET /api} (on a port of its
 * own) answers {@code 200 {}} at once. Counts token requests and remembers when each was served, so a harness can tell which
 * callers overlapped a round trip to the token endpoint.
 */
public final class LoopbackTokenServer implements AutoCloseable {
    private static final byte[] API_BODY = "{}".getBytes(StandardCharsets.UTF_8);

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK, and every loopback request takes ~40 ms instead of tens of microseconds. Read
        // once, when the JDK's server classes load, so it is set before the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final HttpServer apiServer;
    private final ExecutorService executor;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger apiWithoutAuthorization = new AtomicInteger();
    private final ConcurrentLinkedQueue<Interval> tokenRequests = new ConcurrentLinkedQueue<>();
    private volatile Duration latency;
    private volatile Duration tokenLifetime;

    private LoopbackTokenServer(Duration latency, Duration tokenLifetime) {
        this.latency = latency;
        this.tokenLifetime = tokenLifetime;
        try {
            // A backlog of 2048 so a storm of a thousand connections is queued, not refused.
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
            apiServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a loopback port for the benchmark token endpoint", e);
        }
        // One thread per request: a peer that sends a thousand token requests at once gets them served
        // concurrently, each after the configured latency, as a real endpoint would.
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "loopback-endpoint-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/token", this::token);
        server.start();
        // The API answers on the server's own dispatcher thread: one thread hand-off fewer per request,
        // so the integration benchmark measures the client more than the scheduler.
        apiServer.createContext("/api", this::api);
        apiServer.start();
    }

    /** Starts a server whose tokens live {@code tokenLifetime} (whole seconds) and take {@code latency} to issue. */
    public static LoopbackTokenServer start(Duration latency, Duration tokenLifetime) {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        requireWholeSeconds(tokenLifetime);
        return new LoopbackTokenServer(latency, tokenLifetime);
    }

    /** The token endpoint, {@code http://127.0.0.1:<port>/token}. */
    public URI tokenUri() {
        return uri(server, "/token");
    }

    /** The API endpoint, {@code http://127.0.0.1:<port>/api} (another port than the token endpoint). */
    public URI apiUri() {
        return uri(apiServer, "/api");
    }

    private static URI uri(HttpServer server, String path) {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path);
    }

    /** How long the endpoint waits before it answers a token request. */
    public void latency(Duration value) {
        Objects.requireNonNull(value, "latency");
        this.latency = value;
    }

    /** The {@code expires_in} of the tokens issued from now on; whole seconds, as every peer parses it as an integer. */
    public void tokenLifetime(Duration value) {
        requireWholeSeconds(value);
        this.tokenLifetime = value;
    }

    /** How many token requests the endpoint has answered or is answering. */
    public int tokenRequests() {
        return tokensIssued.get();
    }

    /** How many {@code /api} requests came without an {@code Authorization} header. */
    public int apiRequestsWithoutAuthorization() {
        return apiWithoutAuthorization.get();
    }

    /** When each token request was received and answered, in {@link System#nanoTime()} units. */
    public List<Interval> tokenRequestIntervals() {
        return new ArrayList<>(tokenRequests);
    }

    /** Forgets the intervals recorded so far (the count keeps counting). */
    public void clearIntervals() {
        tokenRequests.clear();
    }

    private void token(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        try (exchange) {
            drain(exchange.getRequestBody());
            int number = tokensIssued.incrementAndGet();
            sleep(latency);
            byte[] body = ("{\"access_token\":\"loopback-token-" + number + "\",\"token_type\":\"bearer\","
                    + "\"expires_in\":" + tokenLifetime.toSeconds() + ",\"scope\":\"benchmark\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // Taken before the answer leaves: a caller blocked on it returns after this instant, never before.
            tokenRequests.add(new Interval(received, System.nanoTime()));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            drain(exchange.getRequestBody());
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                apiWithoutAuthorization.incrementAndGet();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, API_BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(API_BODY);
            }
        }
    }

    private static void drain(InputStream body) throws IOException {
        try (body) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void requireWholeSeconds(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.toNanosPart() != 0) {
            throw new IllegalArgumentException("token lifetime must be a positive whole number of seconds: " + lifetime);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        apiServer.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LoopbackTokenServer[" + tokenUri() + ", latency=" + latency.toMillis() + " ms, lifetime="
                + tokenLifetime.toSeconds() + " s]";
    }

    /** A token request as the endpoint saw it, in {@link System#nanoTime()} units. */
    public record Interval(long receivedNanos, long answeredNanos) {
        /**
         * Whether the answer was sent between {@code fromNanos} and {@code toNanos}: a call blocked on
         * this request spans its answer, a call merely paused while it was in flight need not.
         */
        public boolean answeredWithin(long fromNanos, long toNanos) {
            return fromNanos <= answeredNanos && answeredNanos <= toNanos;
        }
    }
}
