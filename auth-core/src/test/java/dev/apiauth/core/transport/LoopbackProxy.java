package dev.apiauth.core.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP/1.1 forward proxy on loopback for tests: {@code CONNECT host:port} tunnels (for
 * https token URLs) and absolute-URI forwarding (for plain http ones), optional Basic proxy
 * authentication answered with {@code 407}, and a record of every request line it saw. Targets
 * are loopback hosts as asked, or a fake host name mapped with {@link #route} (so a test proves the
 * client resolved nothing itself); any other host is refused with {@code 403}.
 *
 * <p>Written here rather than taken from a library: the embeddable proxies (LittleProxy's forks,
 * MockServer) bring Netty and far more than these hundred lines, and a test must control exactly
 * what the proxy answers.
 */
final class LoopbackProxy implements AutoCloseable {
    /** A request line the proxy received and the {@code Proxy-Authorization} it carried (or null). */
    record Seen(String requestLine, String proxyAuthorization) {
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;

    private LoopbackProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    static LoopbackProxy start() {
        try {
            return new LoopbackProxy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Requests for {@code host:port} go to {@code 127.0.0.1:loopbackPort}. */
    LoopbackProxy route(String hostAndPort, int loopbackPort) {
        routes.put(hostAndPort.toLowerCase(Locale.ROOT), loopbackPort);
        return this;
    }

    /** Answers {@code 407} until a request carries these Basic credentials. */
    LoopbackProxy requireBasic(String user, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<String> requestLines() {
        return seen.stream().map(Seen::requestLine).toList();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                List<String> headers = new ArrayList<>();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    headers.add(header);
                }
                String authorization = header(headers, "proxy-authorization");
                seen.add(new Seen(requestLine, authorization));
                String[] parts = requestLine.split(" ");
                boolean connect = parts[0].equals("CONNECT");
                byte[] body = connect ? new byte[0] : in.readNBytes(contentLength(headers));
                if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                    answer(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test proxy\"\r\n");
                    continue;
                }
                URI target = connect ? URI.create("//" + parts[1]) : URI.create(parts[1]);
                int port = target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
                Integer loopbackPort = target(target.getHost(), port);
                if (loopbackPort == null) {
                    answer(out, "403 Forbidden", "");
                    continue;
                }
                try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), loopbackPort)) {
                    if (connect) {
                        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        threads.execute(() -> copy(upstream, client));
                        copy(in, upstream.getOutputStream());
                    } else {
                        forward(parts, target, headers, body, upstream);
                        upstream.getInputStream().transferTo(out);
                    }
                }
                return;
            }
        } catch (IOException ignored) {
            // the client or the target went away: the test sees that on its side
        }
    }

    private Integer target(String host, int port) {
        Integer routed = routes.get((host + ":" + port).toLowerCase(Locale.ROOT));
        if (routed != null) {
            return routed;
        }
        return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") ? port : null;
    }

    /** The request in origin form, {@code Connection: close}, without the proxy's own headers. */
    private static void forward(String[] parts, URI target, List<String> headers, byte[] body, Socket upstream)
            throws IOException {
        StringBuilder request = new StringBuilder(parts[0]).append(' ').append(target.getRawPath())
                .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
        for (String header : headers) {
            String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
            if (!name.startsWith("proxy-") && !name.equals("connection") && !name.equals("keep-alive")) {
                request.append(header).append("\r\n");
            }
        }
        request.append("Connection: close\r\n\r\n");
        OutputStream out = upstream.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static void answer(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // one side closed
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void copy(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException ignored) {
            // one side closed
        }
    }

    private static String header(List<String> headers, String name) {
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return header.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static int contentLength(List<String> headers) {
        String length = header(headers, "content-length");
        return length == null ? 0 : Integer.parseInt(length);
    }

    /** One CRLF-terminated line in ISO-8859-1, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
