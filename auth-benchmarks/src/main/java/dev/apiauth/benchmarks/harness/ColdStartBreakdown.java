package dev.apiauth.benchmarks.harness;

import dev.apiauth.benchmarks.LoopbackTokenServer;
import dev.apiauth.benchmarks.harness.ColdStartLauncher.Sample;
import dev.apiauth.benchmarks.harness.ColdStartLauncher.Variant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where apiauth's first token goes, by elimination: fresh JVMs of {@link ColdStart}, interleaved,
 * for apiauth with nothing preloaded, then with more and more of its dependencies' first use done
 * before timing starts ({@code --preload=slf4j}, {@code slf4j,jackson}, {@code slf4j,jackson,http}),
 * and google-auth's plain first token for comparison. A
 * component's cost is the drop in the median first token (and main-thread CPU) from the variant
 * before it to the variant that preloads it; what the last variant still spends is apiauth's own code
 * (discovery, settings, engine, its request). Costs that overlap (classes two components share) are
 * attributed to the one preloaded first.
 *
 * <p>{@code java -cp benchmarks.jar dev.apiauth.benchmarks.harness.ColdStartBreakdown --runs 6 --out cold-start-breakdown.json}
 */
public final class ColdStartBreakdown {
    /** The components in the order they are preloaded, each with what it stands for in the report. */
    static final List<String[]> COMPONENTS = List.of(
            new String[] {"slf4j", "SLF4J's first initialisation (`LoggerFactory.getLogger`)"},
            new String[] {"jackson", "Jackson's `JsonFactory` and the first parse"},
            new String[] {"http", "The JDK's `HttpURLConnection`: its first exchange (a POST and its body)"});
    static final String GOOGLE_AUTH = "google-auth";
    static final String OWN_CODE = "apiauth's own code";

    private ColdStartBreakdown() {
    }

    /** One variant's runs, in milliseconds; {@code preloaded} is its {@code --preload} list. */
    public record VariantResult(String variant, String library, List<String> preloaded, int runs,
            double firstTokenMedianMillis, double firstTokenMinMillis, double firstTokenMaxMillis,
            double firstTokenCpuMedianMillis) {
    }

    /**
     * What one component costs the first token: the difference of consecutive variants' medians (or,
     * for {@link #OWN_CODE}, the last apiauth variant's median), in milliseconds.
     */
    public record Component(String component, String description, double firstTokenMillis, double cpuMillis) {
    }

    /** The whole run: the variants in launch order and the attributed costs, which add up to plain apiauth's median. */
    public record Report(int runs, String javaCommand, List<VariantResult> variants, List<Component> components) {
    }

    /** The command line: {@code --runs} and {@code --out}. */
    record Options(int runs, Path out) {
        static Options parse(String[] args) {
            Args options = new Args(args);
            return new Options(options.integer("runs", 6), options.path("out", "cold-start-breakdown.json"));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = run(ColdStartLauncher.ofThisJvm(), options.runs());
        for (VariantResult variant : report.variants()) {
            System.out.printf("cold-start %-48s first token %8.2f ms in main [%.2f–%.2f], %7.2f ms CPU%n",
                    variant.variant(), variant.firstTokenMedianMillis(), variant.firstTokenMinMillis(),
                    variant.firstTokenMaxMillis(), variant.firstTokenCpuMedianMillis());
        }
        for (Component component : report.components()) {
            System.out.printf("attributed %-20s %8.2f ms in main, %7.2f ms CPU%n", component.component(),
                    component.firstTokenMillis(), component.cpuMillis());
        }
        ResultFiles.write(options.out(), report);
    }

    /** The variants, in launch order: apiauth with 0 to 4 components preloaded, then google-auth. */
    static List<Variant> variants() {
        List<Variant> variants = new ArrayList<>();
        List<String> preload = new ArrayList<>();
        variants.add(Variant.plain("apiauth"));
        for (String[] component : COMPONENTS) {
            preload.add(component[0]);
            variants.add(new Variant("apiauth " + ColdStart.PRELOAD + String.join(",", preload), "apiauth", List.of(),
                    preload));
        }
        variants.add(Variant.plain(GOOGLE_AUTH));
        return variants;
    }

    static Report run(ColdStartLauncher launcher, int runs) throws Exception {
        List<Variant> variants = variants();
        Map<String, List<Sample>> samples;
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1))) {
            samples = launcher.interleave(runs, variants, server.tokenUri());
        }
        List<VariantResult> results = new ArrayList<>();
        for (Variant variant : variants) {
            List<Sample> list = samples.get(variant.name());
            Stats firstToken = ColdStartHarness.stats(list, Sample::firstTokenNanos);
            results.add(new VariantResult(variant.name(), variant.library(), variant.preload(), list.size(),
                    ColdStartHarness.median(firstToken), Stats.millis(firstToken.min()), Stats.millis(firstToken.max()),
                    ColdStartHarness.median(ColdStartHarness.stats(list, Sample::cpuNanos))));
        }
        return new Report(runs, "java -cp benchmarks.jar " + ColdStart.class.getName() + " <library> <token-uri> ["
                + ColdStart.PRELOAD + "<list>]", results, attribute(results));
    }

    /**
     * The components' costs from the apiauth variants, in order (nothing preloaded first, then one more
     * component each): each consecutive difference, then what the last one still spends. Other
     * libraries' variants are skipped.
     */
    static List<Component> attribute(List<VariantResult> variants) {
        List<VariantResult> apiauth = variants.stream().filter(variant -> variant.library().equals("apiauth")).toList();
        if (apiauth.size() != COMPONENTS.size() + 1) {
            throw new IllegalArgumentException("expected " + (COMPONENTS.size() + 1) + " apiauth variants, got "
                    + apiauth.size());
        }
        List<Component> components = new ArrayList<>();
        for (int i = 0; i < COMPONENTS.size(); i++) {
            VariantResult before = apiauth.get(i);
            VariantResult after = apiauth.get(i + 1);
            components.add(new Component(COMPONENTS.get(i)[0], COMPONENTS.get(i)[1],
                    round(before.firstTokenMedianMillis() - after.firstTokenMedianMillis()),
                    round(before.firstTokenCpuMedianMillis() - after.firstTokenCpuMedianMillis())));
        }
        VariantResult last = apiauth.get(apiauth.size() - 1);
        components.add(new Component(OWN_CODE, OWN_CODE + " (what remains with all of them preloaded): discovery of the"
                + " five providers, settings, engine, the token request and its parsing", last.firstTokenMedianMillis(),
                last.firstTokenCpuMedianMillis()));
        return components;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
