package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.spi.AccessToken;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link RefreshPolicy#usableAt}: the judgement a fleet's shared state makes with the engine's policy. */
class RefreshPolicyUsableTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aTokenIsUsableUntilItsExpiryLessTheMarginExactlyAsTheEngineSchedulesIt() {
        RefreshPolicy policy = RefreshPolicy.defaults();
        AccessToken hour = AccessToken.builder("t", ISSUED).expiresIn(Duration.ofHours(1)).build();
        AccessToken tenSeconds = AccessToken.builder("t", ISSUED).expiresIn(Duration.ofSeconds(10)).build();

        // margin = min(30 s, 10 % of the lifetime)
        assertThat(policy.usableAt(hour, ISSUED.plus(Duration.ofMinutes(59)).plusSeconds(29))).isTrue();
        assertThat(policy.usableAt(hour, ISSUED.plus(Duration.ofMinutes(59)).plusSeconds(30))).isFalse();
        assertThat(policy.usableAt(tenSeconds, ISSUED.plusMillis(8999))).isTrue();
        assertThat(policy.usableAt(tenSeconds, ISSUED.plusSeconds(9))).isFalse();
        assertThat(policy.schedule(hour).expiredAtMillis()).isEqualTo(ISSUED.plus(Duration.ofMinutes(59)).plusSeconds(30).toEpochMilli());
    }

    @Test
    void aTokenOfUnknownLifetimeIsUsableUntilTheMaximumAgeIfOneIsSet() {
        AccessToken unknown = AccessToken.builder("t", ISSUED).build();
        assertThat(RefreshPolicy.defaults().usableAt(unknown, ISSUED.plus(Duration.ofDays(3650)))).isTrue();

        RefreshPolicy aged = RefreshPolicy.builder().maxTokenAge(Duration.ofMinutes(5)).build();
        assertThat(aged.usableAt(unknown, ISSUED.plus(Duration.ofMinutes(5)).minusMillis(1))).isTrue();
        assertThat(aged.usableAt(unknown, ISSUED.plus(Duration.ofMinutes(5)))).isFalse();
    }

    @Test
    void judgingUsabilityDrawsNoJitter() {
        int[] draws = {0};
        RefreshPolicy policy = RefreshPolicy.builder().random(() -> {
            draws[0]++;
            return 0.5;
        }).build();
        policy.usableAt(AccessToken.builder("t", ISSUED).expiresIn(Duration.ofHours(1)).build(), ISSUED);
        assertThat(draws[0]).isZero();
    }
}
