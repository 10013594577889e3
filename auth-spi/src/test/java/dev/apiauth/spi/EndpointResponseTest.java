package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointResponseTest {
    /** A Thursday. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static EndpointResponse response(Map<String, List<String>> headers, String body, Object json) {
        return new EndpointResponse(200, headers, body, Optional.ofNullable(json));
    }

    @Test
    void fallsBackToRateLimitResetWhenThereIsNoRetryAfter() {
        assertThat(response(Map.of("X-RateLimit-Reset", List.of("2026-01-01T00:01:30+00:00")), "", null).retryAfter(CLOCK))
                .contains(java.time.Duration.ofSeconds(90));
        assertThat(response(Map.of("X-RateLimit-Reset", List.of(String.valueOf(CLOCK.instant().getEpochSecond() + 5))), "", null)
                .retryAfter(CLOCK)).contains(java.time.Duration.ofSeconds(5));
        assertThat(response(Map.of("Retry-After", List.of("7"), "X-RateLimit-Reset", List.of("2026-01-01T00:01:30Z")), "", null)
                .retryAfter(CLOCK)).as("Retry-After wins").contains(java.time.Duration.ofSeconds(7));
        assertThat(response(Map.of("X-RateLimit-Reset", List.of("soon")), "", null).retryAfter(CLOCK)).isEmpty();
    }

    @Test
    void looksUpHeadersIgnoringCase() {
        EndpointResponse response = response(Map.of("Content-Type", List.of("Application/JSON; charset=utf-8"),
                "X-Multi", List.of("one", "two")), "{}", Map.of());

        assertThat(response.header("content-type")).contains("Application/JSON; charset=utf-8");
        assertThat(response.header("CONTENT-TYPE")).isPresent();
        assertThat(response.headers().get("x-multi")).containsExactly("one", "two");
        assertThat(response.header("x-multi")).contains("one");
        assertThat(response.header("Retry-After")).isEmpty();
        assertThat(response.mediaType()).contains("application/json");
    }

    @Test
    void givesTheJsonObjectOnlyWhenTheBodyIsOne() {
        assertThat(response(Map.of(), "{\"a\":1}", Map.of("a", 1)).jsonObject()).contains(Map.of("a", 1));
        assertThat(response(Map.of(), "[1]", List.of(1)).jsonObject()).isEmpty();
        assertThat(response(Map.of(), "[1]", List.of(1)).json()).contains(List.of(1));
        assertThat(response(Map.of(), "<html>", null).json()).isEmpty();
        assertThat(response(Map.of(), "<html>", null).mediaType()).isEmpty();
    }

    @Test
    void reportsSuccessForTwoHundreds() {
        assertThat(new EndpointResponse(200, Map.of(), "", Optional.empty()).isSuccess()).isTrue();
        assertThat(new EndpointResponse(204, Map.of(), null, Optional.empty()).isSuccess()).isTrue();
        assertThat(new EndpointResponse(204, Map.of(), null, Optional.empty()).body()).isEmpty();
        assertThat(new EndpointResponse(199, Map.of(), "", Optional.empty()).isSuccess()).isFalse();
        assertThat(new EndpointResponse(302, Map.of(), "", Optional.empty()).isSuccess()).isFalse();
        assertThat(new EndpointResponse(401, Map.of(), "", Optional.empty()).status()).isEqualTo(401);
    }

    @Test
    void printsWithoutTheBody() {
        String body = "{\"access_token\":\"tok-SECRET-123\"}";
        EndpointResponse response = response(Map.of("Content-Type", List.of("application/json")), body, Map.of());

        assertThat(response.toString()).doesNotContain("tok-SECRET-123")
                .contains("status=200", "application/json", "bodyLength=" + body.length());
    }

    @Test
    void readsRetryAfterFromTheHeader() {
        EndpointResponse response = new EndpointResponse(429, Map.of("retry-after", List.of("17")), "",
                Optional.empty());

        assertThat(response.retryAfter(CLOCK)).contains(Duration.ofSeconds(17));
        assertThat(response(Map.of(), "", null).retryAfter(CLOCK)).isEmpty();
    }

    @Test
    void parsesRetryAfterSeconds() {
        assertThat(EndpointResponse.parseRetryAfter("120", CLOCK)).contains(Duration.ofSeconds(120));
        assertThat(EndpointResponse.parseRetryAfter(" 7 ", CLOCK)).contains(Duration.ofSeconds(7));
        assertThat(EndpointResponse.parseRetryAfter("0", CLOCK)).contains(Duration.ZERO);
    }

    @Test
    void parsesRetryAfterHttpDateInTheFutureAsTheWaitFromNow() {
        assertThat(EndpointResponse.parseRetryAfter("Thu, 01 Jan 2026 00:02:00 GMT", CLOCK))
                .contains(Duration.ofMinutes(2));
        assertThat(EndpointResponse.parseRetryAfter("Fri, 2 Jan 2026 00:00:00 GMT", CLOCK))
                .contains(Duration.ofDays(1));
    }

    @Test
    void treatsRetryAfterHttpDateInThePastAsNoWait() {
        assertThat(EndpointResponse.parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", CLOCK)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5", "1.5", "12345678901", "", "Thursday", "2026-01-01T00:02:00Z",
            "Fri, 01 Jan 2026 00:02:00 GMT"})
    void ignoresUnparseableRetryAfter(String value) {
        assertThat(EndpointResponse.parseRetryAfter(value, CLOCK)).isEmpty();
    }
}
