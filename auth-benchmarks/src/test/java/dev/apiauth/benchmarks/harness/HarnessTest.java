package dev.apiauth.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.apiauth.benchmarks.LoopbackTokenServer;
import dev.apiauth.benchmarks.Peers.Library;
import dev.apiauth.benchmarks.harness.ColdStart.Preload;
import dev.apiauth.benchmarks.harness.ColdStartBreakdown.Component;
import dev.apiauth.benchmarks.harness.ColdStartBreakdown.VariantResult;
import dev.apiauth.benchmarks.harness.ColdStartLauncher.Variant;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harnesses on a small scale: they must see what the full runs report, in both directions. */
class HarnessTest {
    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final Duration LIFETIME = Duration.ofSeconds(1);

    @Test
    void stormOfApiauthCallersCausesOneTokenRequestAndEveryoneWaitsForIt() throws Exception {
        RefreshStorm.Result result = RefreshStorm.run(Library.APIAUTH, 50, LATENCY, LIFETIME);

        assertThat(result.tokenRequests()).isEqualTo(1);
        assertThat(result.distinctTokens()).isEqualTo(1);
        assertThat(result.errors()).isZero();
        assertThat(result.p50Millis()).isGreaterThanOrEqualTo(50);
        assertThat(result.lastWokenMillis()).isLessThanOrEqualTo(result.maxMillis());
    }

    @Test
    void stormCountsEveryTokenRequestOfALibraryWithoutSingleFlight() throws Exception {
        RefreshStorm.Result result = RefreshStorm.run(Library.SPRING_SECURITY_JDK, 20, LATENCY, LIFETIME);

        assertThat(result.tokenRequests()).isGreaterThan(1);
        assertThat(result.errors()).isZero();
    }

    @Test
    void refreshAheadSeesNoWaitsForApiauthAndTheSynchronousRefreshOfGoogleAuth() throws Exception {
        Duration duration = Duration.ofSeconds(3);
        RefreshAhead.Result apiauth = RefreshAhead.run(Library.APIAUTH, duration, LIFETIME, LATENCY, 2, 500);
        RefreshAhead.Result google = RefreshAhead.run(Library.GOOGLE_AUTH, duration, LIFETIME, LATENCY, 2, 500);

        assertThat(apiauth.tokenRequests()).isGreaterThanOrEqualTo(2);
        assertThat(apiauth.waitedOnEndpoint()).isZero();
        assertThat(apiauth.calls()).isGreaterThan(1000);
        // google-auth's getRequestMetadata() runs the stale refresh on the calling thread.
        assertThat(google.tokenRequests()).isGreaterThanOrEqualTo(2);
        assertThat(google.waitedOnEndpoint()).isGreaterThanOrEqualTo(2);
        assertThat(google.maxWaitMillis()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void integrationOverheadMeasuresBothClientsInNeighbouringBlocks() throws Exception {
        IntegrationOverhead.Report report = IntegrationOverhead.run(Duration.ofMillis(500), Duration.ofSeconds(1), 20);

        assertThat(report.pairs()).isGreaterThan(2);
        assertThat(report.requests()).isEqualTo(report.pairs() * 40L);
        assertThat(report.apiauthMeanMicros()).isPositive();
        assertThat(report.constantHeaderMeanMicros()).isPositive();
    }

    @Test
    void integrationOverheadSummarisesPairedDifferences() {
        // A hiccup doubling one block: the geometric mean weighs it the same whichever client it hit.
        List<double[]> pairs = List.of(new double[] {200, 100}, new double[] {100, 200}, new double[] {110, 100},
                new double[] {100, 110});

        IntegrationOverhead.Report report = IntegrationOverhead.report(Duration.ofSeconds(1), Duration.ofSeconds(2), 10,
                pairs, 510, 510);

        assertThat(report.geometricMeanDifferencePercent()).isCloseTo(0.0, Offset.offset(1e-9));
        assertThat(report.ci95LowPercent()).isNegative();
        assertThat(report.ci95HighPercent()).isPositive();
        assertThat(report.medianPairDifferencePercent()).isCloseTo(0.0, Offset.offset(1e-9));
        assertThat(report.overallDifferencePercent()).isZero();
        assertThat(report.apiauthMeanMicros()).isCloseTo(510 / 1000.0 / 40, Offset.offset(1e-12));
    }

    @Test
    void coldStartDiscoversTheFiveProvidersAndGetsATokenInAFreshJvm() throws Exception {
        ColdStartHarness.Report report = ColdStartHarness.run(1, List.of("apiauth"));

        assertThat(report.results()).singleElement().satisfies(result -> {
            assertThat(result.library()).isEqualTo("apiauth");
            assertThat(result.discoveryMedianMillis()).isPositive();
            assertThat(result.builtMedianMillis()).isGreaterThan(result.discoveryMedianMillis());
            assertThat(result.firstTokenMedianMillis()).isGreaterThan(result.builtMedianMillis());
            assertThat(result.launchToTokenMedianMillis()).isGreaterThan(result.firstTokenMedianMillis());
            // One run: each phase is that run's difference of the timestamps (all three rounded, so ±0.02).
            assertThat(result.buildPhaseMedianMillis()).isPositive()
                    .isCloseTo(result.builtMedianMillis() - result.discoveryMedianMillis(), Offset.offset(0.02));
            assertThat(result.firstTokenCpuMedianMillis()).isPositive();
            assertThat(result.firstRequestPhaseMedianMillis()).isPositive()
                    .isCloseTo(result.firstTokenMedianMillis() - result.builtMedianMillis(), Offset.offset(0.02));
        });
    }

    /**
     * Every lambda, method reference and stream pipeline on the first token's path is a class the
     * JVM spins at first use (~0.15 ms each on the benchmark machine; removing 33 of them took the
     * first token from 102 to 88 ms). The ones left are objects the engine needs (thread factories,
     * the background executor, the flip task). A new one on this path must be measured first: raise
     * the budget only with the cold-start figures that justify it.
     */
    @Test
    void theFirstTokenSpinsNoMoreThanItsBudgetOfApiauthLambdasAndLoadsNoHttpClient() throws Exception {
        int budget = 18;
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1))) {
            Process child = new ProcessBuilder(ColdStartLauncher.ofThisJvm().java(), "-Xlog:class+load=info", "-cp",
                    System.getProperty("java.class.path"), ColdStart.class.getName(), "apiauth",
                    server.tokenUri().toString()).redirectErrorStream(true).start();
            List<String> output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("exit of the cold start").isZero();

            List<String> lambdas = output.stream().filter(line -> line.contains("[class,load] dev.apiauth.")
                    && line.contains("$$Lambda") && !line.contains("[class,load] dev.apiauth.benchmarks.")).toList();
            assertThat(output).as("the cold start's result line").anyMatch(line -> line.startsWith("cold-start apiauth "));
            assertThat(lambdas).as("apiauth lambda classes spun on the way to the first token").isNotEmpty()
                    .hasSizeLessThanOrEqualTo(budget);
            assertThat(output).as("HttpClient 5 classes on a direct token request's path")
                    .noneMatch(line -> line.contains("[class,load] org.apache.hc."));
        }
    }

    @Test
    void anIdleApiauthProcessHasItsThreadsButTheyDoNotWakeUp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task")),
                "wake-ups are read from /proc (Linux)");
        IdleWakeups.Report report = IdleWakeups.run(1, 1, List.of("apiauth"));

        assertThat(report.results()).singleElement().satisfies(result -> {
            // The engine's timer, holding the token's flip (and the first request's call deadline until it ended).
            assertThat(result.libraryThreads()).isGreaterThanOrEqualTo(1);
            assertThat(result.libraryWakeupsPerSecond()).as("no apiauth thread polls").isZero();
            assertThat(result.processWakeupsPerSecond()).isPositive();
        });
    }

    @Test
    void coldStartHarnessTakesACdsFlagAndKeepsItsArchivesBesideTheOutput(@TempDir Path dir) {
        ColdStartHarness.Options plain = ColdStartHarness.Options.parse(new String[0]);
        ColdStartHarness.Options cds = ColdStartHarness.Options.parse(new String[] {"--cds", "--runs", "3", "--out",
                dir.resolve("results/cds.json").toString(), "--libraries", "apiauth, google-auth"});
        ColdStartHarness.Options flagLast = ColdStartHarness.Options.parse(new String[] {"--runs", "2", "--cds"});

        assertThat(plain).isEqualTo(new ColdStartHarness.Options(8, Path.of("cold-start.json"),
                List.of("apiauth", "google-auth", "spring-security"), false));
        assertThat(plain.archiveDirectory()).isEmpty();
        assertThat(cds.runs()).isEqualTo(3);
        assertThat(cds.cds()).isTrue();
        assertThat(cds.libraries()).containsExactly("apiauth", "google-auth");
        assertThat(cds.archiveDirectory()).contains(dir.resolve("results/cds-archives").toAbsolutePath());
        assertThat(flagLast.cds()).isTrue();
        assertThat(flagLast.runs()).isEqualTo(2);
        assertThat(flagLast.out()).isEqualTo(Path.of("cold-start-cds.json"));
        assertThatThrownBy(() -> ColdStartHarness.Options.parse(new String[] {"--runs"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cds").hasMessageContaining("'--runs'");
        // Only the harness that declares it takes the flag.
        assertThatThrownBy(() -> ColdStartBreakdown.Options.parse(new String[] {"--cds"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--cds'");
    }

    @Test
    void coldStartBreakdownTakesRunsAndOut() {
        assertThat(ColdStartBreakdown.Options.parse(new String[0]))
                .isEqualTo(new ColdStartBreakdown.Options(6, Path.of("cold-start-breakdown.json")));
        assertThat(ColdStartBreakdown.Options.parse(new String[] {"--out", "b.json", "--runs", "3"}))
                .isEqualTo(new ColdStartBreakdown.Options(3, Path.of("b.json")));
    }

    @Test
    void preloadTakesACommaListOfKnownComponents() {
        assertThat(Preload.parse("--preload=http,slf4j")).containsExactlyInAnyOrder(Preload.HTTP, Preload.SLF4J);
        assertThat(Preload.parse("--preload=slf4j,jackson,http")).isEqualTo(EnumSet.allOf(Preload.class));
        assertThatThrownBy(() -> Preload.parse("--preload=slf4j,gson"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown --preload component 'gson'; --preload takes a comma list of slf4j, jackson, http");
        assertThatThrownBy(() -> Preload.parse("--preload=")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty component").hasMessageContaining("slf4j, jackson, http");
        assertThatThrownBy(() -> Preload.parse("--preloads=slf4j")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unexpected argument '--preloads=slf4j'").hasMessageContaining("usage: ColdStart");
    }

    @Test
    void coldStartRefusesAnUnknownPreloadBeforeDoingAnything() {
        assertThatThrownBy(() -> ColdStart.main(new String[] {"apiauth", "http://127.0.0.1:9/token", "--preload=jackson,xml"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown --preload component 'xml'");
    }

    @Test
    void theLauncherPutsTheVariantsOptionsBeforeTheClassPathAndThePreloadLast() {
        ColdStartLauncher launcher = new ColdStartLauncher("/jdk/bin/java", "a.jar", List.of("-Xmx64m"));
        Variant variant = new Variant("v", "apiauth", List.of("-XX:SharedArchiveFile=a.jsa"), List.of("slf4j", "jackson"));

        assertThat(launcher.command(variant, URI.create("http://127.0.0.1:1/token"))).containsExactly("/jdk/bin/java",
                "-Xmx64m", "-XX:SharedArchiveFile=a.jsa", "-cp", "a.jar", ColdStart.class.getName(), "apiauth",
                "http://127.0.0.1:1/token", "--preload=slf4j,jackson");
        assertThat(launcher.command(Variant.plain("google-auth"), URI.create("http://127.0.0.1:1/token")))
                .endsWith("google-auth", "http://127.0.0.1:1/token");
    }

    @Test
    void thePreloadedExchangeIsOneMoreTokenRequestAndTheColdStartStillGetsItsToken() throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1))) {
            ColdStartLauncher launcher = ColdStartLauncher.ofThisJvm();
            launcher.launch(new Variant("all", "apiauth", List.of(), List.of("slf4j", "jackson", "http")),
                    server.tokenUri());
            assertThat(server.tokenRequests()).isEqualTo(2);
            launcher.launch(new Variant("no exchange", "apiauth", List.of(), List.of("slf4j", "jackson")), server.tokenUri());
            assertThat(server.tokenRequests()).as("only http sends a request of its own").isEqualTo(3);
        }
    }

    @Test
    void theHttpPreloadLeavesNoConnectionForTheTimedRequestToReuse() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            try (exchange) {
                clientPorts.add(exchange.getRemoteAddress().getPort());
                exchange.getRequestBody().readAllBytes();
                byte[] body = (exchange.getRequestURI().getQuery() == null ? "{\"access_token\":\"t\"}"
                        : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            URI tokenUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");

            ColdStart.preload(EnumSet.of(Preload.HTTP), tokenUri);
            // What the engine's direct path does next in the same JVM: a request on HttpURLConnection, stream closed.
            HttpURLConnection next = (HttpURLConnection) tokenUri.toURL().openConnection(Proxy.NO_PROXY);
            try (InputStream in = next.getInputStream()) {
                in.readAllBytes();
            }

            assertThat(clientPorts).as("the preload's socket was closed, not kept alive for the next request").hasSize(2);
            assertThatThrownBy(() -> ColdStart.preload(EnumSet.of(Preload.HTTP), URI.create(tokenUri + "?no-token")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("got no token");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void coldStartBreakdownAttributesTheDropsBetweenConsecutiveVariants() {
        List<VariantResult> variants = List.of(variant("apiauth", 300, 200), variant("apiauth", 250, 190),
                variant("apiauth", 180, 140), variant("apiauth", 90, 70), variant("google-auth", 140, 135));

        List<Component> components = ColdStartBreakdown.attribute(variants);

        assertThat(components).extracting(Component::component)
                .containsExactly("slf4j", "jackson", "http", "apiauth's own code");
        assertThat(components).extracting(Component::firstTokenMillis).containsExactly(50.0, 70.0, 90.0, 90.0);
        assertThat(components).extracting(Component::cpuMillis).containsExactly(10.0, 50.0, 70.0, 70.0);
        assertThatThrownBy(() -> ColdStartBreakdown.attribute(variants.subList(0, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4 apiauth variants, got 3");
    }

    @Test
    void coldStartBreakdownRunsEachVariantInAFreshJvmAndItsCostsAddUpToTheWholeFirstToken() throws Exception {
        ColdStartBreakdown.Report report = ColdStartBreakdown.run(ColdStartLauncher.ofThisJvm(), 1);

        assertThat(report.variants()).extracting(VariantResult::variant).containsExactly("apiauth",
                "apiauth --preload=slf4j", "apiauth --preload=slf4j,jackson", "apiauth --preload=slf4j,jackson,http",
                "google-auth");
        assertThat(report.variants()).allSatisfy(variant -> {
            assertThat(variant.runs()).isEqualTo(1);
            assertThat(variant.firstTokenMedianMillis()).isPositive();
            assertThat(variant.firstTokenCpuMedianMillis()).isPositive();
        });
        double whole = report.variants().get(0).firstTokenMedianMillis();
        assertThat(report.components()).hasSize(4);
        assertThat(report.components().stream().mapToDouble(Component::firstTokenMillis).sum())
                .isCloseTo(whole, Offset.offset(0.05));
    }

    @Test
    void coldStartWithCdsTrainsAnArchivePerLibraryAndStartsTheMeasuredJvmsWithIt(@TempDir Path dir) throws Exception {
        // CDS archives only classes from jars (a non-empty directory on the class path stops the dump), so the
        // launched JVMs get the module's classes as a jar, as benchmarks.jar has them.
        ColdStartLauncher launcher = new ColdStartLauncher(ColdStartLauncher.ofThisJvm().java(), jarredClassPath(dir),
                List.of());
        Path archives = dir.resolve("cds-archives");

        ColdStartHarness.Report report = ColdStartHarness.run(launcher, 1, List.of("apiauth"), Optional.of(archives));

        assertThat(report.appCds()).isTrue();
        assertThat(report.javaCommand()).contains("-XX:SharedArchiveFile=<library>.jsa");
        assertThat(archives.resolve("apiauth.jsa")).isNotEmptyFile();
        assertThat(report.results()).singleElement().satisfies(result -> {
            assertThat(result.library()).isEqualTo("apiauth");
            assertThat(result.runs()).isEqualTo(1);
            assertThat(result.firstTokenMedianMillis()).isGreaterThan(result.builtMedianMillis());
        });
    }

    @Test
    void coldStartWithCdsNamesTheJvmThatCannotWriteAnArchive(@TempDir Path dir) {
        // -Xshare:off: no base archive, so this JVM cannot write a dynamic one.
        ColdStartLauncher launcher = new ColdStartLauncher(ColdStartLauncher.ofThisJvm().java(),
                System.getProperty("java.class.path"), List.of("-Xshare:off"));

        assertThatThrownBy(() -> ColdStartHarness.run(launcher, 1, List.of("apiauth"), Optional.of(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the JVM " + launcher.java())
                .hasMessageContaining("-Xshare:off")
                .hasMessageContaining("cannot write a dynamic class-data-sharing archive")
                .hasMessageContaining("without --cds");
        assertThat(dir.resolve("apiauth.jsa")).doesNotExist();
    }

    private static VariantResult variant(String library, double firstToken, double cpu) {
        return new VariantResult(library, library, List.of(), 1, firstToken, firstToken, firstToken, cpu);
    }

    /** This JVM's class path with every directory replaced by a jar of its contents. */
    private static String jarredClassPath(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int jars = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jar = dir.resolve("classes-" + jars++ + ".jar");
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                    Stream<Path> files = Files.walk(path)) {
                for (Path each : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    out.putNextEntry(new JarEntry(path.relativize(each).toString().replace(File.separatorChar, '/')));
                    Files.copy(each, out);
                    out.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
