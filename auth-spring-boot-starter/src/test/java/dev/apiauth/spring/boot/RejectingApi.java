package dev.apiauth.spring.boot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A protected API on loopback that rejects (401) the first token it sees, or every token, and
 * records each request's Authorization header and body; otherwise it answers 200 with the body.
 */
final class RejectingApi implements AutoCloseable {
    record Received(String method, String authorization, String body) {
    }

    private final HttpServer server;
    private final boolean rejectAll;
    private final AtomicReference<String> firstToken = new AtomicReference<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RejectingApi(boolean rejectAll) {
        this.rejectAll = rejectAll;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    /** Rejects the first token it is sent, accepts any other. */
    static RejectingApi rejectingFirstToken() {
        return new RejectingApi(false);
    }

    /** Rejects every token. */
    static RejectingApi rejectingEveryToken() {
        return new RejectingApi(true);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    List<Received> received() {
        return received;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), authorization, body));
            firstToken.compareAndSet(null, authorization);
            boolean reject = rejectAll || authorization == null || authorization.equals(firstToken.get());
            byte[] answer = (reject ? "token rejected" : "ok:" + body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reject ? 401 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
