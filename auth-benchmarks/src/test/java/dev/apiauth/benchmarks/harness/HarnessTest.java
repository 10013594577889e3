package dev.apiauth.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.benchmarks.Peers.Library;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

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
}
