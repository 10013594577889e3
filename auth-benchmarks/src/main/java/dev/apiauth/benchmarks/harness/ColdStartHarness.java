package dev.apiauth.benchmarks.harness;

import dev.apiauth.benchmarks.LoopbackTokenServer;
import dev.apiauth.benchmarks.harness.ColdStartLauncher.Sample;
import dev.apiauth.benchmarks.harness.ColdStartLauncher.Variant;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Runs {@link ColdStart} as fresh JVMs against one loopback endpoint, libraries interleaved round
 * by round so a busy moment of the machine hits all of them alike. Reports medians and ranges of the
 * time inside {@code main} and of the process's wall time from launch to its printed result.
 *
 * <p>With {@code --cds}, each library first gets one training JVM run with
 * {@code -XX:ArchiveClassesAtExit=<library>.jsa} (a dynamic AppCDS archive of the classes its cold
 * start loaded, in {@code cds-archives/} next to the {@code --out} file), and every measured JVM of
 * that library then starts with {@code -XX:SharedArchiveFile=<library>.jsa}: what a deployment that
 * ships such an archive pays.
 *
 * <p>{@code java -cp benchmarks.jar dev.apiauth.benchmarks.harness.ColdStartHarness --runs 8 --out cold-start.json [--cds]}
 */
public final class ColdStartHarness {
    static final String ARCHIVE_DIRECTORY = "cds-archives";

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

    /** The whole run; {@code appCds} when every measured JVM used its library's own AppCDS archive. */
    public record Report(int runs, String javaCommand, boolean appCds, List<Result> results) {
    }

    /** The command line: {@code --runs}, {@code --out}, {@code --libraries} and the {@code --cds} flag. */
    record Options(int runs, Path out, List<String> libraries, boolean cds) {
        static Options parse(String[] args) {
            Args options = new Args(args, "cds");
            boolean cds = options.flag("cds");
            return new Options(options.integer("runs", 8),
                    options.path("out", cds ? "cold-start-cds.json" : "cold-start.json"),
                    Arrays.stream(options.text("libraries", "apiauth,google-auth,spring-security").split(","))
                            .map(String::strip).toList(), cds);
        }

        /** Where {@code --cds} keeps the archives: beside the {@code --out} file. */
        Optional<Path> archiveDirectory() {
            Path parent = out.toAbsolutePath().getParent();
            return cds ? Optional.of(parent.resolve(ARCHIVE_DIRECTORY)) : Optional.empty();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = run(ColdStartLauncher.ofThisJvm(), options.runs(), options.libraries(),
                options.archiveDirectory());
        for (Result result : report.results()) {
            System.out.printf("cold-start%s %-16s discovery %7.2f ms  build %7.2f ms  first request %7.2f ms"
                    + "  first token %8.2f ms (in main, %7.2f ms CPU)  launch to token %8.2f ms%n",
                    report.appCds() ? " (CDS)" : "", result.library(), result.discoveryMedianMillis(),
                    result.buildPhaseMedianMillis(), result.firstRequestPhaseMedianMillis(),
                    result.firstTokenMedianMillis(), result.firstTokenCpuMedianMillis(),
                    result.launchToTokenMedianMillis());
        }
        ResultFiles.write(options.out(), report);
    }

    /** Launches {@code runs} fresh JVMs per library, with this JVM's class path and no archive. */
    public static Report run(int runs, List<String> libraries) throws Exception {
        return run(ColdStartLauncher.ofThisJvm(), runs, libraries, Optional.empty());
    }

    /**
     * Launches {@code runs} fresh JVMs per library; with an {@code archiveDirectory}, after one training
     * JVM per library that writes the library's archive there.
     */
    static Report run(ColdStartLauncher launcher, int runs, List<String> libraries, Optional<Path> archiveDirectory)
            throws Exception {
        List<Variant> variants = new ArrayList<>();
        Map<String, List<Sample>> samples;
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1))) {
            URI tokenUri = server.tokenUri();
            for (String library : libraries) {
                if (archiveDirectory.isPresent()) {
                    Path archive = ColdStartLauncher.archive(archiveDirectory.get(), library);
                    launcher.train(library, archive, tokenUri);
                    variants.add(new Variant(library, library, List.of("-XX:SharedArchiveFile=" + archive), List.of()));
                } else {
                    variants.add(Variant.plain(library));
                }
            }
            samples = launcher.interleave(runs, variants, tokenUri);
        }
        List<Result> results = new ArrayList<>();
        samples.forEach((library, list) -> results.add(result(library, list)));
        return new Report(runs, "java " + (archiveDirectory.isPresent() ? "-XX:SharedArchiveFile=<library>.jsa " : "")
                + "-cp benchmarks.jar " + ColdStart.class.getName() + " <library> <token-uri>",
                archiveDirectory.isPresent(), results);
    }

    /** Medians and ranges of one library's samples. */
    static Result result(String library, List<Sample> samples) {
        Stats discovery = stats(samples, Sample::discoveryNanos);
        Stats built = stats(samples, Sample::builtNanos);
        Stats firstToken = stats(samples, Sample::firstTokenNanos);
        Stats launch = stats(samples, Sample::launchToTokenNanos);
        Stats buildPhase = stats(samples, sample -> sample.builtNanos() - sample.discoveryNanos());
        Stats requestPhase = stats(samples, sample -> sample.firstTokenNanos() - sample.builtNanos());
        return new Result(library, samples.size(), median(discovery), median(built),
                median(firstToken), Stats.millis(firstToken.min()), Stats.millis(firstToken.max()),
                median(launch), Stats.millis(launch.min()), Stats.millis(launch.max()), median(buildPhase),
                median(requestPhase), median(stats(samples, Sample::cpuNanos)));
    }

    static Stats stats(List<Sample> samples, ToLongFunction<Sample> figure) {
        return Stats.of(samples.stream().mapToLong(figure).toArray());
    }

    static double median(Stats stats) {
        return Stats.millis(stats.percentile(50));
    }
}
