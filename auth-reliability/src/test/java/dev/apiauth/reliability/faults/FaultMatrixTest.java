package dev.apiauth.reliability.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.core.transport.HttpTokenEndpoint;
import dev.apiauth.reliability.support.Front;
import dev.apiauth.reliability.support.LogCapture;
import dev.apiauth.reliability.support.Outcome;
import dev.apiauth.reliability.support.Reports;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.reliability.support.Threads;
import dev.apiauth.reliability.support.Transcript;
import dev.apiauth.reliability.support.Vendor;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every provider × every token-endpoint fault, through the real engine and transport: the caller
 * gets the right typed exception within the configured time bound, no secret shows in the exception
 * or the log, no thread is left behind, and once the endpoint heals the same credentials get a token
 * on their own. The outcome table goes to {@code target/reliability/fault-matrix.md}.
 */
class FaultMatrixTest {
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(750);
    static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);
    /** Scheduling on a busy 2-core machine; the bound is correctness, not speed. */
    static final Duration SLACK = Duration.ofMillis(2000);
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    /**
     * Cells whose correct outcome the engine or a provider does not give yet: the case is run, and
     * reported as a bug while it shows the bug's outcome; it passes on its own once fixed.
     */
    static final Map<String, KnownBug> KNOWN_BUGS = Map.of();

    private static final Map<String, Cell> CELLS = new ConcurrentHashMap<>();
    private static WireMockServer wireMock;
    private static SSLContext clientTls;

    static {
        LogCapture.install();
    }

    @BeforeAll
    static void startServer() throws Exception {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        clientTls = dev.apiauth.reliability.support.Tls.clientTrustingLocalhost();
        // The first request a JVM's WireMock serves loads Jetty's request path; on a busy machine that
        // alone can outlast a case's 750 ms response timeout. Pay it here, outside every case.
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(wireMock.baseUrl() + "/__admin/mappings")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @AfterAll
    static void writeTable() {
        wireMock.stop();
        Reports.write("fault-matrix.md", FaultTable.markdown(CELLS, KNOWN_BUGS));
    }

    @TestFactory
    Stream<DynamicNode> everyProviderSurvivesEveryTokenEndpointFault() {
        return Vendor.all().stream().map(vendor -> DynamicContainer.dynamicContainer(vendor.id(),
                Stream.of(TokenEndpointFault.values()).map(fault -> DynamicTest.dynamicTest(
                        fault.name().toLowerCase() + ": " + fault.label(), () -> runCase(vendor, fault)))));
    }

    private static void runCase(Vendor vendor, TokenEndpointFault fault) throws Exception {
        wireMock.resetAll();
        MutableClock clock = new MutableClock(START);
        Set<Thread> before = Threads.snapshot();
        int logMark = LogCapture.mark();
        Cell cell = new Cell();
        CELLS.put(FaultTable.key(vendor, fault), cell);
        try (Front front = fault.usesFront() ? Front.to(wireMock.port()) : null) {
            String base = !fault.usesFront() ? wireMock.baseUrl()
                    : (fault.usesTls() ? "https://localhost:" : "http://127.0.0.1:") + front.port();
            if (front != null) {
                front.switchTo(fault.broken());
            }
            Vendor.Issued success = vendor.issue(clock.instant(), Duration.ofHours(1));
            fault.stage(new CaseStage(vendor, clock, success));

            try (Credentials credentials = credentials(vendor, base, clock)) {
                long started = System.nanoTime();
                Throwable thrown = catchThrowable(credentials::token);
                cell.elapsed = Duration.ofNanos(System.nanoTime() - started);
                cell.outcome = Outcome.of(thrown);
                cell.message = thrown == null ? "" : thrown.getMessage();
                Transcript.record(vendor.id() + "/" + fault.name(), thrown == null ? credentials.peek() : thrown);
                Transcript.record(vendor.id() + "/" + fault.name(), credentials);

                KnownBug bug = KNOWN_BUGS.get(FaultTable.key(vendor, fault));
                assertThat(cell.elapsed).as("time to the outcome").isLessThan(CALL_TIMEOUT.plus(SLACK));
                if (bug != null && cell.outcome == bug.observed()) {
                    // The bug's outcome stands in the way of the rest (an absurd token is never replaced).
                    cell.knownBug = bug;
                    checkNothingLeftBehind(before, logMark, cell);
                    Assumptions.abort("bug: " + bug.description());
                }
                assertThat(cell.outcome).as("%s / %s: %s", vendor.id(), fault.name(), thrown)
                        .isEqualTo(fault.expected());
                if (thrown == null) {
                    fault.check(credentials.token());
                }
                if (fault.retryAfter() != null) {
                    assertThat(((TransientAuthException) thrown).retryAfter()).contains(fault.retryAfter());
                }
                if (thrown != null && !fault.usesFront()) {
                    // Until the backoff has passed, callers get the failure at once: no new token request.
                    int asked = wireMock.findAll(anyRequestedFor(urlPathEqualTo(vendor.tokenPath()))).size();
                    assertThat(Outcome.of(catchThrowable(credentials::token))).isEqualTo(cell.outcome);
                    assertThat(wireMock.findAll(anyRequestedFor(urlPathEqualTo(vendor.tokenPath())))).hasSize(asked);
                }

                // Heal: the endpoint answers again; past any backoff or Retry-After the engine asks by itself.
                clock.advance(fault.healAfter());
                Vendor.Issued healed = vendor.issue(clock.instant(), Duration.ofHours(4));
                wireMock.resetAll();
                wireMock.stubFor(any(urlPathEqualTo(vendor.tokenPath()))
                        .willReturn(TokenEndpointFault.wireMock(healed.response())));
                if (front != null) {
                    front.switchTo(fault.healed());
                }
                AccessToken token = credentials.token();
                assertThat(token.value()).as("token after the endpoint healed").isEqualTo(healed.token());
                cell.recovered = true;
                Transcript.record(vendor.id() + "/" + fault.name() + "/healed", credentials.authorization());
            }
        }
        checkNothingLeftBehind(before, logMark, cell);
        cell.passed = true;
    }

    private static void checkNothingLeftBehind(Set<Thread> before, int logMark, Cell cell) throws InterruptedException {
        List<String> leftBehind = Threads.leftBehind(before, Duration.ofSeconds(3));
        assertThat(leftBehind).as("threads left behind").isEmpty();
        List<String> lines = LogCapture.since(logMark);
        cell.logLines = lines.size();
        for (String line : lines) {
            assertThat(TestSecrets.findIn(line)).as("secret in log line: %s", line).isNull();
        }
    }

    private static Credentials credentials(Vendor vendor, String base, MutableClock clock) {
        return Credentials.builder(vendor.provider())
                .settings(vendor.settings(base))
                .clock(clock)
                .sleeper(clock::advance)
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                .transport(HttpTokenEndpoint.builder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .callTimeout(CALL_TIMEOUT)
                        .sslContext(clientTls))
                .build();
    }

    /** A bug that makes a cell's outcome wrong today. */
    record KnownBug(Outcome observed, String description) {
    }

    /** The result of one case. */
    static final class Cell {
        volatile Outcome outcome;
        volatile Duration elapsed;
        volatile String message = "";
        volatile boolean recovered;
        volatile boolean passed;
        volatile int logLines;
        volatile KnownBug knownBug;
    }

    private record CaseStage(Vendor vendor, MutableClock clock, Vendor.Issued success)
            implements TokenEndpointFault.Stage {
        @Override
        public void answer(ResponseDefinitionBuilder response) {
            wireMock.stubFor(any(urlPathEqualTo(vendor.tokenPath())).willReturn(response));
        }
    }
}
