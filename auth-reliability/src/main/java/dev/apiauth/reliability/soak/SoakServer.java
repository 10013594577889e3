package dev.apiauth.reliability.soak;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.apiauth.shapes.DocplannerShapes;
import dev.apiauth.shapes.VendorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback Docplanner (JDK {@link HttpServer}): {@code POST /oauth/v2/token} issues opaque tokens
 * of a fixed lifetime in Docplanner's shape; {@code GET /api/v3/integration/facilities} answers 200
 * to a live token and Docplanner's 401 to an unknown or expired one. Counts both.
 */
final class SoakServer implements AutoCloseable {
    static final String TOKEN_PATH = "/oauth/v2/token";
    static final String API_PATH = "/api/v3/integration/facilities";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    final AtomicLong tokenRequests = new AtomicLong();
    final AtomicLong apiRequests = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    SoakServer(Duration lifetime, int threads) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs:
        // ~40 ms per request, which would measure the kernel rather than the client.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.lifetime = lifetime;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "soak-server-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext(TOKEN_PATH, this::token);
        server.createContext(API_PATH, this::api);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange exchange) throws IOException {
        drain(exchange);
        tokenRequests.incrementAndGet();
        byte[] bytes = new byte[20];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        String token = HexFormat.of().formatHex(bytes);
        long now = System.currentTimeMillis();
        expiries.put(token, now + lifetime.toMillis());
        // Forget tokens long expired, so the server's own memory stays flat over a long run.
        expiries.values().removeIf(expiry -> expiry < now - 10_000);
        send(exchange, DocplannerShapes.tokenIssued(token, lifetime.toSeconds()));
    }

    private void api(HttpExchange exchange) throws IOException {
        drain(exchange);
        apiRequests.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Long expiry = authorization != null && authorization.startsWith("Bearer ")
                ? expiries.get(authorization.substring("Bearer ".length())) : null;
        if (expiry == null || System.currentTimeMillis() >= expiry) {
            rejected.incrementAndGet();
            send(exchange, DocplannerShapes.tokenExpired());
            return;
        }
        send(exchange, FACILITIES);
    }

    private static final VendorResponse FACILITIES = DocplannerShapes.facilities();

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void send(HttpExchange exchange, VendorResponse response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
