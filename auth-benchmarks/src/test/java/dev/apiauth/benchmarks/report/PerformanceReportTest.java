package dev.apiauth.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {
    @TempDir
    Path results;

    @BeforeEach
    void writeResults() throws IOException {
        Files.writeString(results.resolve("hot-path.json"), "[" + jmh("HotPathBenchmark.apiauth", 400, 10, 0.0001) + ","
                + jmh("HotPathBenchmark.googleAuth", 20, 1, 0) + "," + jmh("HotPathBenchmark.springSecurity", 50, 2, 272) + ","
                + jmh("HotPathBenchmark.volatileReadBaseline", 1000, 10, 0) + ","
                + jmh("HotPathBenchmark.apiauth_2threads", 700, 10, 0) + ","
                + jmh("HotPathBenchmark.googleAuth_2threads", 39, 1, 0) + "," + jmh("HotPathBenchmark.springSecurity_2threads", 90, 2, 272) + ","
                + jmh("HotPathBenchmark.volatileReadBaseline_2threads", 1200, 10, 0) + "]");
        Files.writeString(results.resolve("integration.json"), """
                {"seconds":40,"warmupSeconds":10,"requestsPerBlock":100,"pairs":2000,"requests":400000,
                 "apiauthMeanMicros":103,"constantHeaderMeanMicros":100,"geometricMeanDifferencePercent":3.0,
                 "ci95LowPercent":2.5,"ci95HighPercent":3.5,"medianPairDifferencePercent":2.9,"overallDifferencePercent":3.1}
                """);
        Files.writeString(results.resolve("integration-handler.json"), "[" + jmh("IntegrationHandlerBenchmark.apiauthHandler", 130, 5, 840)
                + "," + jmh("IntegrationHandlerBenchmark.constantHeader", 200, 300, 496).replace("\"scoreUnit\":\"ops/us\"",
                        "\"scoreUnit\":\"ops/us\",\"rawData\":[[80,81,900],[79,82,85]]") + "]");
        Files.writeString(results.resolve("storm.json"), """
                {"threads":1000,"latencyMillis":50,"tokenLifetimeSeconds":2,"schedule":"s","results":[
                 {"library":"apiauth","threads":1000,"tokenRequests":1,"distinctTokens":1,"errors":0,"p50Millis":60.5,"p99Millis":70,"maxMillis":71,"lastWokenMillis":12.5},
                 {"library":"spring-security","threads":1000,"tokenRequests":987,"distinctTokens":987,"errors":0,"p50Millis":5000,"p99Millis":9900,"maxMillis":10000,"lastWokenMillis":20}]}
                """);
        Files.writeString(results.resolve("refresh-ahead.json"), """
                {"seconds":20,"tokenLifetimeSeconds":2,"latencyMillis":50,"threads":4,"pauseMicros":500,"schedule":"s","results":[
                 {"library":"apiauth","calls":100000,"waitedOnEndpoint":0,"waitedShare":0,"slowCallsOtherwise":3,"tokenRequests":10,"maxWaitMillis":0,"errors":0},
                 {"library":"google-auth","calls":100000,"waitedOnEndpoint":10,"waitedShare":0.0001,"slowCallsOtherwise":1,"tokenRequests":10,"maxWaitMillis":55,"errors":0}]}
                """);
        Files.writeString(results.resolve("cold-start.json"), """
                {"runs":8,"javaCommand":"java -cp benchmarks.jar ColdStart","results":[
                 {"library":"apiauth","runs":8,"discoveryMedianMillis":40,"builtMedianMillis":150,"firstTokenMedianMillis":500,"firstTokenMinMillis":450,
                  "firstTokenMaxMillis":600,"launchToTokenMedianMillis":600,"launchToTokenMinMillis":550,"launchToTokenMaxMillis":700,
                  "buildPhaseMedianMillis":105,"firstRequestPhaseMedianMillis":345,"firstTokenCpuMedianMillis":210},
                 {"library":"google-auth","runs":8,"discoveryMedianMillis":0,"builtMedianMillis":0,"firstTokenMedianMillis":520,"firstTokenMinMillis":450,
                  "firstTokenMaxMillis":600,"launchToTokenMedianMillis":540,"launchToTokenMinMillis":500,"launchToTokenMaxMillis":700,
                  "buildPhaseMedianMillis":0,"firstRequestPhaseMedianMillis":520,"firstTokenCpuMedianMillis":230}]}
                """);
        Files.writeString(results.resolve("idle.json"), """
                {"seconds":10,"runs":2,"javaCommand":"java -cp benchmarks.jar IdleWakeups child","results":[
                 {"library":"jvm","runs":2,"processWakeupsPerSecond":21.5,"libraryWakeupsPerSecond":0,"libraryThreads":0,"libraryCpuMillisPerSecond":0},
                 {"library":"apiauth","runs":2,"processWakeupsPerSecond":22.0,"libraryWakeupsPerSecond":0,"libraryThreads":2,"libraryCpuMillisPerSecond":0}]}
                """);
        Files.writeString(results.resolve("machine.txt"), "cpus: 2\n");
        Files.writeString(results.resolve("commands.txt"), "java -jar benchmarks.jar HotPathBenchmark -t 1\n");
    }

    @Test
    void computesRatiosAndChecksEachTarget() throws IOException {
        String doc = new PerformanceReport(results).render(Optional.empty());

        assertThat(doc).contains("| Hot path ≤ 25 ns/op | 2.50 ns/op | met |");
        assertThat(doc).contains("| Hot path ≥ 10× google-auth | 20.0× | met |");
        assertThat(doc).contains("| Hot path ≥ 10× Spring Security | 8.00× | **missed** |");
        assertThat(doc).contains("| 2-thread throughput ≥ 1.8× one thread | 1.75× | **missed** |");
        assertThat(doc).contains("| Storm: exactly 1 token request | 1 token request(s) | met |");
        assertThat(doc).contains("| Refresh-ahead: 0 requests wait on the token endpoint | 0 waited | met |");
        assertThat(doc).contains("| HttpClient 5 handler ≤ 2 % slower than a constant header | +3.00 % (95 %: +2.50 to +3.50 %) | **missed** |");
        assertThat(doc).contains("| Cold start: first token in main ≤ google-auth's (same run) | 500 vs 520 ms (0.962×) | met |");
        assertThat(doc).contains("| Cold start: launch to token within 10 % of google-auth's | 600 vs 540 ms (+11.1 %) | **missed** |");
        assertThat(doc).contains("| Idle: no periodic wake-up of apiauth threads | 0.000 wake-ups/s | met |");
    }

    @Test
    void showsTheColdStartPhasesAndTheIdleWakeups() throws IOException {
        String doc = new PerformanceReport(results).render(Optional.empty());

        assertThat(doc).contains("| discovery: `AuthProviders.discover()`, five providers | 40.0 |",
                "| credentials built: settings validated, token source, engine state | 105 |",
                "| first request: the token request on the JDK's `HttpURLConnection`, its JSON parsed | 345 |");
        assertThat(doc).contains("| Library | Main-thread CPU to first token (ms) |", "| apiauth | 210 |", "| google-auth | 230 |");
        assertThat(doc).contains("## Idle cost", "| jvm | 0 | 0.000 | 0.000 | 21.5 |", "| apiauth | 2 | 0.000 | 0.000 | 22.0 |");
    }

    @Test
    void aResultsDirectoryWithoutTheIdleRunStillRenders() throws IOException {
        Files.delete(results.resolve("idle.json"));

        String doc = new PerformanceReport(results).render(Optional.empty());

        assertThat(doc).doesNotContain("## Idle cost").doesNotContain("Idle: no periodic wake-up");
    }

    @Test
    void showsTheColdStartWithAnArchiveBesideThePlainOneWithoutMovingTheTarget() throws IOException {
        Files.writeString(results.resolve("cold-start-cds.json"), """
                {"runs":8,"javaCommand":"java -XX:SharedArchiveFile=<library>.jsa -cp benchmarks.jar ColdStart","appCds":true,"results":[
                 {"library":"apiauth","runs":8,"discoveryMedianMillis":10,"builtMedianMillis":30,"firstTokenMedianMillis":110,"firstTokenMinMillis":100,
                  "firstTokenMaxMillis":130,"launchToTokenMedianMillis":250,"launchToTokenMinMillis":240,"launchToTokenMaxMillis":270,
                  "buildPhaseMedianMillis":20,"firstRequestPhaseMedianMillis":80,"firstTokenCpuMedianMillis":90},
                 {"library":"google-auth","runs":8,"discoveryMedianMillis":0,"builtMedianMillis":0,"firstTokenMedianMillis":125,"firstTokenMinMillis":120,
                  "firstTokenMaxMillis":140,"launchToTokenMedianMillis":200,"launchToTokenMinMillis":190,"launchToTokenMaxMillis":220,
                  "buildPhaseMedianMillis":0,"firstRequestPhaseMedianMillis":125,"firstTokenCpuMedianMillis":100}]}
                """);

        String doc = new PerformanceReport(results).render(Optional.empty());

        assertThat(doc).contains("### Cold start with an application class-data-sharing archive (each library its own, one training run)",
                "`java -XX:SharedArchiveFile=<library>.jsa -cp benchmarks.jar ColdStart`), 8 per library",
                "| Library | Discovery, median (ms) | Credentials built, median (ms) | First token in main, median [min–max] (ms)"
                        + " | Launch to token, median [min–max] (ms) | ÷ google-auth (first token in main; launch to token) |",
                "| apiauth | 10.0 | 30.0 | 110 [100–130] | 250 [240–270] | 0.880×; 1.25× |",
                "| google-auth | n/a | n/a | 125 [120–140] | 200 [190–220] |  |");
        // The plain table and its targets are unchanged: the archive run is beside them, not instead.
        assertThat(doc).contains("| apiauth | 40.0 | 150 | 500 [450–600] | 600 [550–700] |",
                "| Cold start: first token in main ≤ google-auth's (same run) | 500 vs 520 ms (0.962×) | met |");
        assertThat(doc.indexOf("## Cold start\n")).isLessThan(doc.indexOf("### Cold start with an application"));
        assertThat(doc.indexOf("### Cold start with an application")).isLessThan(doc.indexOf("## Idle cost"));
    }

    @Test
    void showsWhereApiauthsFirstTokenGoes() throws IOException {
        Files.writeString(results.resolve("cold-start-breakdown.json"), """
                {"runs":6,"javaCommand":"java -cp benchmarks.jar ColdStart <library> <token-uri> [--preload=<list>]","variants":[
                 {"variant":"apiauth","library":"apiauth","preloaded":[],"runs":6,"firstTokenMedianMillis":300,"firstTokenMinMillis":280,"firstTokenMaxMillis":350,"firstTokenCpuMedianMillis":200},
                 {"variant":"apiauth --preload=slf4j","library":"apiauth","preloaded":["slf4j"],"runs":6,"firstTokenMedianMillis":285,"firstTokenMinMillis":270,"firstTokenMaxMillis":300,"firstTokenCpuMedianMillis":190},
                 {"variant":"apiauth --preload=slf4j,jackson,http","library":"apiauth","preloaded":["slf4j","jackson","http"],"runs":6,"firstTokenMedianMillis":55,"firstTokenMinMillis":50,"firstTokenMaxMillis":60,"firstTokenCpuMedianMillis":45},
                 {"variant":"google-auth","library":"google-auth","preloaded":[],"runs":6,"firstTokenMedianMillis":140,"firstTokenMinMillis":130,"firstTokenMaxMillis":150,"firstTokenCpuMedianMillis":135}],
                 "components":[
                 {"component":"slf4j","description":"SLF4J's first initialisation","firstTokenMillis":15,"cpuMillis":10},
                 {"component":"http","description":"The JDK's HttpURLConnection: its first exchange","firstTokenMillis":50,"cpuMillis":40},
                 {"component":"apiauth's own code","description":"apiauth's own code (what remains)","firstTokenMillis":55,"cpuMillis":45}]}
                """);

        String doc = new PerformanceReport(results).render(Optional.empty());

        assertThat(doc).contains("### Where apiauth's first token goes (by elimination)",
                "(`java -cp benchmarks.jar ColdStart <library> <token-uri> [--preload=<list>]`), 6 per variant",
                "| apiauth | 300 [280–350] | 200 |",
                "| apiauth, preloaded: slf4j | 285 [270–300] | 190 |",
                "| apiauth, preloaded: slf4j, jackson, http | 55.0 [50.0–60.0] | 45.0 |",
                "| google-auth | 140 [130–150] | 135 |",
                "| SLF4J's first initialisation | 15.0 | 5 % | 10.0 |",
                "| The JDK's HttpURLConnection: its first exchange | 50.0 | 17 % | 40.0 |",
                "| apiauth's own code (what remains) | 55.0 | 18 % | 45.0 |",
                "| **apiauth's whole first token** (nothing preloaded) | 300 | 100 % | 200 |",
                "| for comparison: google-auth's whole first token | 140 | | 135 |");
    }

    @Test
    void aResultsDirectoryWithoutTheArchiveOrBreakdownRunStillRenders() throws IOException {
        String doc = new PerformanceReport(results).render(Optional.empty());

        assertThat(doc).contains("## Cold start\n", "| Cold start: first token in main ≤ google-auth's (same run)")
                .doesNotContain("class-data-sharing archive").doesNotContain("by elimination").doesNotContain("--preload");
    }

    @Test
    void showsTheFiguresMachineAndCommands() throws IOException {
        String doc = new PerformanceReport(results).render(Optional.empty());

        assertThat(doc).contains("| spring-security | 987 | 987 | 5000 | 9900 | 10000 | 20.0 | 0 |");
        assertThat(doc).contains("| google-auth | 100000 | 10 | 0.0100 % | 55.0 | 10 | 1 | 0 |");
        assertThat(doc).contains("| apiauth | 40.0 | 150 | 500 [450–600] | 600 [550–700] |");
        assertThat(doc).contains("cpus: 2", "java -jar benchmarks.jar HotPathBenchmark -t 1");
        assertThat(doc).contains("| 272 |");
        assertThat(doc).contains("| apiauth handler | 103 |", "| constant header | 100 |",
                "Over 2000 pairs the apiauth client's time per request differs by +3.00 % (95 % interval +2.50 % to +3.50 %)",
                "The median pair says +2.90 %, the totals +3.10 %.");
        // The constant-header run had one disturbed iteration (900 ns): the median of its iterations, 81.5 ns, is used.
        assertThat(doc).contains("constant header 81.5 ns and 496 B",
                "The handler's own cost is 48.5 ns per request, 0.049 % of the loopback request above.");
        assertThat(doc).contains("| control: one volatile read | 1.00 ± 0.010 | 1000 ± 10.0 | 1200 ± 10.0 | 1.20× | 0.000 |  |");
    }

    @Test
    void appendsTheHandWrittenAnalysis() throws IOException {
        Path analysis = results.resolve("analysis.md");
        Files.writeString(analysis, "## Analysis\n\nThe hot path is two volatile reads.\n");

        assertThat(new PerformanceReport(results).render(Optional.of(analysis)))
                .endsWith("## Analysis\n\nThe hot path is two volatile reads.\n");
    }

    @Test
    void namesAMissingResultFileAndHowToProduceIt() throws IOException {
        Files.delete(results.resolve("storm.json"));

        assertThatThrownBy(() -> new PerformanceReport(results).render(Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("storm.json")
                .hasMessageContaining("run-benchmarks.sh");
    }

    private static String jmh(String benchmark, double score, double error, double allocated) {
        return """
                {"benchmark":"dev.apiauth.benchmarks.%s","mode":"thrpt","threads":1,
                 "primaryMetric":{"score":%s,"scoreError":%s,"scoreUnit":"ops/us"},
                 "secondaryMetrics":{"gc.alloc.rate.norm":{"score":%s,"scoreError":"NaN","scoreUnit":"B/op"}}}
                """.formatted(benchmark, score, error, allocated);
    }
}
