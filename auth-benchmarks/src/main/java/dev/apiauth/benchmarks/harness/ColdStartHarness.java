package dev.apiauth.benchmarks.harness;

import dev.apiauth.benchmarks.LoopbackTokenServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link ColdStart} as fresh JVMs against one loopback endpoint, libraries interleaved round
 * by round so a busy moment of the machine hits all of them alike. Reports medians and ranges of the
 * time inside {@code main} and of the process's wall time from launch to its printed result.
 *
 * <p>{@code java -cp benchmarks.jar dev.apiauth.benchmarks.harness.ColdStartHarness --runs 8 --out cold-start.json}
 */
public final class ColdStartHarness {
    private static final Pattern LINE = Pattern.compile("cold-start (\\S+) discovery_ns=(\\d+) built_ns=(\\d+) first_token_ns=(\\d+) cpu_ns=(\\d+)");

    private ColdStartHarness() {
    }

    /**
     * One library's runs, in milliseconds. {@code discovery}, {@code built} and {@code firstToken}
     * are from the start of {@code main}; the phase medians are each run's own durations (medians
     * of per-run differences, so they need not add up to the medians above): {@code buildPhase}
     * from discovery to built {@code Credentials}, {@code firstRequestPhase} from there to the token.
     * {@code firstTokenCpu} is the main thread's CPU time to the token: steadier than wall time on a
     * busy machine, since waiting for a core does not count.
     */
    public record Result(String library, int runs, double discoveryMedianMillis, double builtMedianMillis,
            double firstTokenMedianMillis,
            double firstTokenMinMillis, double firstTokenMaxMillis, double launchToTokenMedianMillis,
            double launchToTokenMinMillis, double launchToTokenMaxMillis, double buildPhaseMedianMillis,
            double firstRequestPhaseMedianMillis, double firstTokenCpuMedianMillis) {
    }

    /** The whole run. */
    public record Report(int runs, String javaCommand, List<Result> results) {
    }

    public static void main(String[] args) throws Exception {
        Args options = new Args(args);
        int runs = options.integer("runs", 8);
        Path out = options.path("out", "cold-start.json");
        List<String> libraries = Arrays.asList(options.text("libraries", "apiauth,google-auth,spring-security").split(","));
        Report report = run(runs, libraries);
        for (Result result : report.results()) {
            System.out.printf("cold-start %-16s discovery %7.2f ms  build %7.2f ms  first request %7.2f ms"
                    + "  first token %8.2f ms (in main, %7.2f ms CPU)  launch to token %8.2f ms%n",
                    result.library(), result.discoveryMedianMillis(), result.buildPhaseMedianMillis(),
                    result.firstRequestPhaseMedianMillis(), result.firstTokenMedianMillis(),
                    result.firstTokenCpuMedianMillis(), result.launchToTokenMedianMillis());
        }
        ResultFiles.write(out, report);
    }

    /** Launches {@code runs} fresh JVMs per library, with this JVM's class path. */
    public static Report run(int runs, List<String> libraries) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1))) {
            for (int run = 0; run < runs; run++) {
                for (String library : libraries) {
                    samples.computeIfAbsent(library.strip(), key -> new ArrayList<>())
                            .add(launch(java, classPath, library.strip(), server.tokenUri().toString()));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        samples.forEach((library, list) -> {
            Stats discovery = Stats.of(list.stream().mapToLong(sample -> sample[0]).toArray());
            Stats built = Stats.of(list.stream().mapToLong(sample -> sample[1]).toArray());
            Stats firstToken = Stats.of(list.stream().mapToLong(sample -> sample[2]).toArray());
            Stats launch = Stats.of(list.stream().mapToLong(sample -> sample[3]).toArray());
            Stats buildPhase = Stats.of(list.stream().mapToLong(sample -> sample[1] - sample[0]).toArray());
            Stats requestPhase = Stats.of(list.stream().mapToLong(sample -> sample[2] - sample[1]).toArray());
            results.add(new Result(library, list.size(), Stats.millis(discovery.percentile(50)),
                    Stats.millis(built.percentile(50)),
                    Stats.millis(firstToken.percentile(50)), Stats.millis(firstToken.min()),
                    Stats.millis(firstToken.max()), Stats.millis(launch.percentile(50)),
                    Stats.millis(launch.min()), Stats.millis(launch.max()), Stats.millis(buildPhase.percentile(50)),
                    Stats.millis(requestPhase.percentile(50)),
                    Stats.millis(Stats.of(list.stream().mapToLong(sample -> sample[4]).toArray()).percentile(50))));
        });
        return new Report(runs, "java -cp benchmarks.jar " + ColdStart.class.getName() + " <library> <token-uri>",
                results);
    }

    /**
     * Discovery, credentials built, first token (from the start of main), launch-to-token wall time
     * and the main thread's CPU time to the token, in nanoseconds.
     */
    private static long[] launch(String java, String classPath, String library, String tokenUri) throws Exception {
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(java, "-cp", classPath, ColdStart.class.getName(), library, tokenUri)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches()) {
                    long printed = System.nanoTime();
                    process.waitFor(30, TimeUnit.SECONDS);
                    return new long[] {Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                            Long.parseLong(matcher.group(4)), printed - launched, Long.parseLong(matcher.group(5))};
                }
            }
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        throw new IllegalStateException(library + " cold start printed no result (exit " + process.exitValue() + ")");
    }
}
