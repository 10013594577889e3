package dev.apiauth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopbackTokenServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void issuesNumberedTokensAfterTheConfiguredLatency() throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ofMillis(40), Duration.ofSeconds(7))) {
            long started = System.nanoTime();
            HttpResponse<String> first = post(server.tokenUri());
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            HttpResponse<String> second = post(server.tokenUri());

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(first.body()).contains("\"access_token\":\"loopback-token-1\"", "\"expires_in\":7", "\"token_type\":\"bearer\"");
            assertThat(second.body()).contains("\"access_token\":\"loopback-token-2\"");
            assertThat(tookMillis).isGreaterThanOrEqualTo(40);
            assertThat(server.tokenRequests()).isEqualTo(2);
            assertThat(server.tokenRequestIntervals()).hasSize(2).allSatisfy(interval ->
                    assertThat(interval.answeredNanos() - interval.receivedNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos()));
        }
    }

    @Test
    void appliesLatencyAndLifetimeChangesToLaterRequests() throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofSeconds(1))) {
            server.tokenLifetime(Duration.ofSeconds(60));
            server.latency(Duration.ofMillis(30));
            long started = System.nanoTime();
            assertThat(post(server.tokenUri()).body()).contains("\"expires_in\":60");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        }
    }

    @Test
    void answersTheApiAndCountsRequestsWithoutAuthorization() throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1))) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(server.apiUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> authorized = http.send(HttpRequest.newBuilder(server.apiUri())
                    .header("Authorization", "Bearer x").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(authorized.body()).isEqualTo("{}");
            assertThat(server.apiRequestsWithoutAuthorization()).isEqualTo(1);
            assertThat(server.tokenRequests()).isZero();
        }
    }

    @Test
    void bindsToTheLoopbackAddressOnly() {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1))) {
            assertThat(server.tokenUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.tokenUri().getPath()).isEqualTo("/token");
        }
    }

    @Test
    void refusesLifetimesThatPeersCannotParse() {
        assertThatThrownBy(() -> LoopbackTokenServer.start(Duration.ZERO, Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> LoopbackTokenServer.start(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency");
    }

    @Test
    void recordsTheAnswerBeforeTheCallerCanReturn() throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ofMillis(10), Duration.ofHours(1))) {
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                post(server.tokenUri());
                long returned = System.nanoTime();

                LoopbackTokenServer.Interval request = server.tokenRequestIntervals().get(i);
                assertThat(request.answeredWithin(started, returned)).isTrue();
            }
        }
    }

    @Test
    void aCallSpansTheAnswerOnlyIfItWasRunningWhenTheAnswerWasSent() {
        LoopbackTokenServer.Interval request = new LoopbackTokenServer.Interval(100, 200);

        assertThat(request.answeredWithin(150, 210)).isTrue();
        assertThat(request.answeredWithin(200, 200)).isTrue();
        assertThat(request.answeredWithin(120, 199)).isFalse();
        assertThat(request.answeredWithin(201, 250)).isFalse();
    }

    private HttpResponse<String> post(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
