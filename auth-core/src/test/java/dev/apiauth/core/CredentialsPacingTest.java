package dev.apiauth.core;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CredentialsPacingTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void stubTokenEndpoint() {
        server.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
    }

    private Credentials.Builder account(String clientId, String perSecond) {
        return Credentials.builder(new OAuthTestProvider())
                .settings(Map.of("client-id", clientId, "client-secret", "s3cret", "token-url", server.baseUrl() + "/token",
                        "requests-per-second", perSecond))
                .clock(clock)
                .sleeper(clock::advance);
    }

    @Test
    void pacesRequestsToTheDeclaredBudgetAndCountsTheTokenRequest() {
        Credentials credentials = account("pace-a", "1").build();
        Instant start = clock.instant();
        credentials.token(); // the token request takes the first permit
        for (int i = 0; i < 4; i++) {
            credentials.pace();
        }
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void accountsWithTheSameScopeShareOneBudget() {
        Credentials first = account("pace-shared", "2").build();
        Credentials second = account("pace-shared", "2").build();
        Instant start = clock.instant();
        for (int i = 0; i < 3; i++) {
            first.pace();
            second.pace();
        }
        // 6 permits at 2/s with a burst of 2: at least 2 s of waiting in total
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withoutABudgetNothingWaits() {
        Credentials credentials = account("pace-none", "0").build();
        Instant start = clock.instant();
        for (int i = 0; i < 100; i++) {
            credentials.pace();
        }
        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void pacingCanBeTurnedOff() {
        Credentials credentials = account("pace-off", "1").pacing(false).build();
        Instant start = clock.instant();
        for (int i = 0; i < 10; i++) {
            credentials.pace();
        }
        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void aWaitLongerThanTheMaximumFailsTransientlyWithRetryAfter() {
        Credentials credentials = account("pace-max", "1").maxPacingWait(Duration.ZERO).build();
        credentials.pace();
        assertThatThrownBy(credentials::pace)
                .isInstanceOfSatisfying(TransientAuthException.class, e -> {
                    assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
                    assertThat(e.getMessage()).contains("rate budget");
                });
    }
}
