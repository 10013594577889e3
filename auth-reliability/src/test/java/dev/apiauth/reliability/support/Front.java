package dev.apiauth.reliability.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback port in front of WireMock whose behaviour a test switches, for the faults WireMock
 * cannot stage on a port it keeps open: nobody listening (connection refused), a plain-HTTP server
 * answering a TLS handshake, TLS with an untrusted certificate — and then the healed endpoint on the
 * very same port, plain or TLS, passing bytes through to WireMock.
 */
public final class Front implements AutoCloseable {
    /** What the port does. */
    public enum Mode {
        /** Nothing listens: connection refused. */
        CLOSED,
        /** Answers anything, a TLS ClientHello included, with a plain {@code HTTP/1.1 400}. */
        PLAIN_HTTP,
        /**
         * Sends a 200's headers at once, then one byte of body every 100 ms for 5 s: every read
         * succeeds within a response timeout, so only a whole-call deadline ends the wait.
         */
        DRIP,
        /** TLS with a certificate the client does not trust, then WireMock. */
        TLS_UNTRUSTED,
        /** Plain TCP through to WireMock. */
        PROXY,
        /** TLS with the trusted localhost certificate, then WireMock. */
        TLS_PROXY
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int port;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private Thread acceptor;

    private Front(int port, int target) {
        this.port = port;
        this.target = target;
    }

    /** A front on a free port, initially {@link Mode#CLOSED}, passing through to {@code targetPort}. */
    public static Front to(int targetPort) {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return new Front(probe.getLocalPort(), targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Closes what listens now (and its connections) and starts listening as {@code mode}. */
    public synchronized void switchTo(Mode mode) {
        stop();
        if (mode == Mode.CLOSED) {
            return;
        }
        try {
            ServerSocket socket = switch (mode) {
                case TLS_UNTRUSTED -> Tls.serverUntrusted().getServerSocketFactory().createServerSocket();
                case TLS_PROXY -> Tls.serverTrusted().getServerSocketFactory().createServerSocket();
                default -> new ServerSocket();
            };
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + port + " again", e);
        }
        ServerSocket listening = server;
        acceptor = new Thread(() -> accept(listening, mode), "fault-front-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket listening, Mode mode) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                open.add(client);
                Thread connection = new Thread(() -> serve(client, mode), "fault-front-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client, Mode mode) {
        try (client) {
            if (mode == Mode.PLAIN_HTTP) {
                client.setSoTimeout(2000);
                client.getInputStream().read(new byte[1024]);
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
                        + "Connection: close\r\n\r\nBad Request").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            if (mode == Mode.DRIP) {
                client.getInputStream().read(new byte[8192]);
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < 50; i++) {
                    Thread.sleep(100); // the drip itself: a byte per 100 ms is the fault being staged
                    out.write(' ');
                    out.flush();
                }
                return;
            }
            try (Socket upstream = new Socket(LOOPBACK, target)) {
                open.add(upstream);
                Thread back = new Thread(() -> pump(upstream, client), "fault-front-pump");
                back.setDaemon(true);
                back.start();
                pump(client, upstream);
                back.join(2000);
            }
        } catch (IOException | InterruptedException ended) {
            // the client went away, a handshake failed, or the front was switched: nothing to serve
        } finally {
            open.remove(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException ended) {
            closeQuietly(to);
        }
    }

    private synchronized void stop() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        open.forEach(Front::closeQuietly);
        open.clear();
        if (acceptor != null) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            acceptor = null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing on the way out
        }
    }

    @Override
    public void close() {
        stop();
    }
}
