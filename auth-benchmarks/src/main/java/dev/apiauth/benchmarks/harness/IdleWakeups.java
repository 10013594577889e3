package dev.apiauth.benchmarks.harness;

import dev.apiauth.benchmarks.Apiauth;
import dev.apiauth.benchmarks.GoogleAuth;
import dev.apiauth.benchmarks.LoopbackTokenServer;
import dev.apiauth.benchmarks.Schedule;
import dev.apiauth.core.Credentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an idle process pays for a library: a fresh JVM gets one account's first token (one-hour
 * tokens from the loopback endpoint), then makes no request for {@code --seconds}. Over that
 * window it counts the wake-ups (voluntary and involuntary context switches from
 * {@code /proc/self/task/<tid>/status}) of the library's own threads ({@code apiauth-*} for
 * apiauth; google-auth starts none) and of the whole process, and the library threads' CPU time.
 * The {@code jvm} row is the same process with no library at all: the floor the JVM's own threads
 * (GC, compiler, periodic VM tasks) set. Linux only; elsewhere the wake-up columns are absent.
 *
 * <p>{@code java -cp benchmarks.jar dev.apiauth.benchmarks.harness.IdleWakeups --seconds 10 --runs 2 --out idle.json}
 */
public final class IdleWakeups {
    private static final Pattern LINE = Pattern.compile(
            "idle (\\S+) seconds=(\\d+) process_wakeups=(-?\\d+) library_wakeups=(-?\\d+) library_threads=(\\d+)"
                    + " library_cpu_ns=(\\d+)");
    private static final String LIBRARY_THREADS = "apiauth-";

    private IdleWakeups() {
    }

    /** One library's runs: medians of the per-second figures. */
    public record Result(String library, int runs, double processWakeupsPerSecond, double libraryWakeupsPerSecond,
            int libraryThreads, double libraryCpuMillisPerSecond) {
    }

    /** The whole run. */
    public record Report(int seconds, int runs, String javaCommand, List<Result> results) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], URI.create(args[2]), Integer.parseInt(args[3]));
            return;
        }
        Args options = new Args(args);
        int seconds = options.integer("seconds", 10);
        int runs = options.integer("runs", 2);
        Path out = options.path("out", "idle.json");
        List<String> libraries = Arrays.asList(options.text("libraries", "jvm,apiauth,google-auth").split(","));
        Report report = run(seconds, runs, libraries);
        for (Result result : report.results()) {
            System.out.printf("idle %-12s process %7.1f wake-ups/s  library threads %d: %7.1f wake-ups/s, %.3f ms CPU/s%n",
                    result.library(), result.processWakeupsPerSecond(), result.libraryThreads(),
                    result.libraryWakeupsPerSecond(), result.libraryCpuMillisPerSecond());
        }
        ResultFiles.write(out, report);
    }

    /** Launches {@code runs} fresh JVMs per library, interleaved, with this JVM's class path. */
    public static Report run(int seconds, int runs, List<String> libraries) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1))) {
            for (int run = 0; run < runs; run++) {
                for (String library : libraries) {
                    samples.computeIfAbsent(library.strip(), key -> new ArrayList<>())
                            .add(launch(java, classPath, library.strip(), server.tokenUri().toString(), seconds));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        samples.forEach((library, list) -> results.add(new Result(library, list.size(),
                median(list, 0) / seconds, median(list, 1) / seconds,
                (int) list.stream().mapToLong(sample -> sample[2]).max().orElse(0),
                median(list, 3) / 1e6 / seconds)));
        return new Report(seconds, runs, "java -cp benchmarks.jar " + IdleWakeups.class.getName()
                + " child <library> <token-uri> " + seconds, results);
    }

    private static double median(List<long[]> samples, int index) {
        return Stats.of(samples.stream().mapToLong(sample -> sample[index]).toArray()).percentile(50);
    }

    private static long[] launch(String java, String classPath, String library, String tokenUri, int seconds)
            throws Exception {
        Process process = new ProcessBuilder(java, "-cp", classPath, IdleWakeups.class.getName(), "child", library,
                tokenUri, Integer.toString(seconds))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches()) {
                    return new long[] {Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4)),
                            Long.parseLong(matcher.group(5)), Long.parseLong(matcher.group(6))};
                }
            }
        } finally {
            if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        throw new IllegalStateException(library + " idle run printed no result (exit " + process.exitValue() + ")");
    }

    /** The measured process: one first token, then idle. */
    private static void child(String library, URI tokenUri, int seconds) throws Exception {
        AutoCloseable client = switch (library) {
            case "jvm" -> () -> { };
            case "apiauth" -> {
                Credentials credentials = Apiauth.credentials(tokenUri);
                require(credentials.headers().get("Authorization"));
                yield credentials;
            }
            case "google-auth" -> {
                require(GoogleAuth.credentials(tokenUri, Schedule.libraryDefaults())
                        .getRequestMetadata().get("Authorization").get(0));
                yield () -> { };
            }
            default -> throw new IllegalArgumentException("unknown library " + library);
        };
        // Let start-up work (JIT compilation of what the first token ran, class loading) settle first.
        Thread.sleep(1_000);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, long[]> before = switches();
        long cpuBefore = libraryCpu(mx);
        Thread.sleep(seconds * 1_000L);
        Map<Long, long[]> after = switches();
        long cpuAfter = libraryCpu(mx);
        long process = 0;
        long libraryWakeups = 0;
        int libraryThreads = 0;
        for (Map.Entry<Long, long[]> thread : after.entrySet()) {
            long[] now = thread.getValue();
            long[] then = before.getOrDefault(thread.getKey(), new long[] {0, now[1]});
            long delta = now[0] - then[0];
            process += delta;
            if (now[1] == 1) {
                libraryWakeups += delta;
                libraryThreads++;
            }
        }
        if (after.isEmpty()) {
            process = -1; // no /proc: not Linux
            libraryWakeups = -1;
            libraryThreads = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith(LIBRARY_THREADS)).count();
        }
        System.out.println("idle " + library + " seconds=" + seconds + " process_wakeups=" + process
                + " library_wakeups=" + libraryWakeups + " library_threads=" + libraryThreads
                + " library_cpu_ns=" + Math.max(0, cpuAfter - cpuBefore));
        client.close();
        System.exit(0);
    }

    private static void require(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer loopback-token-")) {
            throw new IllegalStateException("no loopback token");
        }
    }

    /** Per native thread: {context switches so far, 1 if it is a library thread else 0}; empty without /proc. */
    private static Map<Long, long[]> switches() throws IOException {
        Map<Long, long[]> threads = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return threads;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    // comm is the thread name the JVM gives the OS, cut to 15 characters: "apiauth-" survives.
                    String name = Files.readString(task.resolve("comm")).strip();
                    long total = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new long[] {total, name.startsWith(LIBRARY_THREADS) ? 1 : 0});
                } catch (IOException | NumberFormatException e) {
                    // the thread ended while being read
                }
            }
        }
        return threads;
    }

    private static long libraryCpu(ThreadMXBean mx) {
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(LIBRARY_THREADS)) {
                long cpu = mx.getThreadCpuTime(thread.getId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }
}
