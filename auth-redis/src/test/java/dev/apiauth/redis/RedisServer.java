package dev.apiauth.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} on a free loopback port, started before a test class and stopped
 * after it, emptied before each test. Tests may {@link #stop()} and {@link #start()} it again on the
 * same port to play an outage. The binary is {@link RedisBinary#locate()}'s: {@code REDIS_SERVER}, the
 * {@code PATH}, or the Redis 7 that Maven fetched with the tests.
 */
final class RedisServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private Path binary;
    private int port;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // Located here, not in a field initializer: a missing binary is then one clear failure of the
        // test class, not an ExceptionInInitializerError.
        binary = RedisBinary.locate().path();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (process == null) {
            start();
        }
        command("FLUSHALL");
        command("ACL DELUSER restricted");
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on the same port and waits until it answers. */
    void start() throws IOException, InterruptedException {
        if (process != null) {
            return;
        }
        Path log = Path.of("target", "redis-" + port + ".log");
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if (command("PING").startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s; see " + log);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Stops the server; its data is gone (no persistence), as after a crash. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Every key with its value (strings as is, hashes as field=value lines), to inspect what is stored. */
    Map<String, String> dump() {
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            Map<String, String> all = new LinkedHashMap<>();
            ScanIterator<String> keys = ScanIterator.scan(redis, ScanArgs.Builder.limit(100));
            while (keys.hasNext()) {
                String key = keys.next();
                String type = redis.type(key);
                all.put(key, switch (type) {
                    case "string" -> redis.get(key);
                    case "hash" -> redis.hgetall(key).toString();
                    default -> type;
                });
            }
            return all;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Sends one inline command and returns the first line of the reply. */
    String command(String line) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int next;
            while ((next = in.read()) != -1 && next != '\n') {
                reply.append((char) next);
            }
            return reply.toString();
        }
    }
}
