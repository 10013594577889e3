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
                "by the first request) | 105 |", "| first request: HttpClient 5 created, the token request, its JSON parsed | 345 |");
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
