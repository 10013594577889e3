package dev.apiauth.benchmarks;

import dev.apiauth.core.Credentials;
import dev.apiauth.redis.RedisSharedState;
import dev.apiauth.spi.Secret;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot path with fleet mode on: {@code headers()} of an account whose state is shared through
 * Redis ({@code auth-redis}) against the same account kept in this JVM only. Both fetched one
 * one-hour token first. The tear-down fails the run if either fetched another or if Redis
 * processed any command during the measurement, so the figures show the cached path and that it
 * never calls Redis. Needs {@code redis-server} on the PATH (or {@code REDIS_SERVER}); the
 * benchmark starts its own on a free loopback port.
 *
 * <pre>
 * java -jar auth-benchmarks/target/benchmarks.jar FleetHotPathBenchmark -t 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FleetHotPathBenchmark {
    private LoopbackTokenServer server;
    private Process redis;
    private int redisPort;
    private RedisSharedState fleet;
    private Credentials local;
    private Credentials shared;
    private long commandsBeforeMeasurement;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1));
        startRedis();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        fleet = RedisSharedState.builder().redisUri("redis://127.0.0.1:" + redisPort)
                .encryptionKey(Secret.of(Base64.getEncoder().encodeToString(key))).build();
        local = account().build();
        shared = account().sharedState(fleet).build(); // follows the fleet's rejections by being built with it
        require(local.headers().get("Authorization"), "in-JVM");
        require(shared.headers().get("Authorization"), "Redis");
        if (server.tokenRequests() != 2 || !fleet.sharing()) {
            throw new IllegalStateException("expected one token request per account through a reachable Redis, saw "
                    + server.tokenRequests());
        }
        commandsBeforeMeasurement = commandsProcessed();
    }

    /** The account both variants use; the same as {@link Apiauth#credentials}, built here to add the shared state. */
    private Credentials.Builder account() {
        return Credentials.builder(new BenchProvider())
                .settings(Map.of(BenchProvider.TOKEN_URL, server.tokenUri().toString(),
                        BenchProvider.CLIENT_ID, Peers.CLIENT_ID, BenchProvider.CLIENT_SECRET, Peers.CLIENT_SECRET));
    }

    private static void require(String authorization, String which) {
        if (authorization == null || !authorization.startsWith("Bearer loopback-token-")) {
            throw new IllegalStateException("the " + which + " account did not produce the loopback token");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        // The INFO asking for the count is itself counted.
        long redisCommands = commandsProcessed() - commandsBeforeMeasurement - 1;
        int requests = server.tokenRequests();
        shared.close();
        local.close();
        fleet.close();
        server.close();
        redis.destroy();
        if (requests != 2 || redisCommands != 0) {
            throw new IllegalStateException("during the measurement there were " + (requests - 2) + " token requests and "
                    + redisCommands + " Redis commands; the hot path was not what was measured");
        }
    }

    @Benchmark
    public Map<String, String> inJvmState() {
        return local.headers();
    }

    @Benchmark
    public Map<String, String> redisSharedState() {
        return shared.headers();
    }

    private void startRedis() throws IOException, InterruptedException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            redisPort = socket.getLocalPort();
        }
        redis = new ProcessBuilder(redisServer(), "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                commandsProcessed();
                return;
            } catch (IOException notYet) {
                if (!redis.isAlive() || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("redis-server did not start on port " + redisPort, notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    private static String redisServer() {
        String configured = System.getenv("REDIS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("FleetHotPathBenchmark needs redis-server (Debian: apt-get install redis-server)"
                + " on the PATH, or REDIS_SERVER set to its path");
    }

    /** Redis' count of commands processed so far, from {@code INFO stats}. */
    private long commandsProcessed() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redisPort)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("INFO stats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int next;
            while ((next = in.read()) != -1) {
                reply.append((char) next);
                int at = reply.indexOf("total_commands_processed:");
                if (at >= 0 && reply.indexOf("\r\n", at) > 0) {
                    String line = reply.substring(at, reply.indexOf("\r\n", at));
                    return Long.parseLong(line.substring(line.indexOf(':') + 1));
                }
            }
            throw new UncheckedIOException(new IOException("redis-server sent no total_commands_processed"));
        }
    }
}
