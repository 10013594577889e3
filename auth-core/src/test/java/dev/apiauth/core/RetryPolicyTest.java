package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static RetryPolicy withRandom(double value) {
        return RetryPolicy.builder().backoff(Duration.ofMillis(200), Duration.ofSeconds(30)).random(() -> value).build();
    }

    @Test
    void backoffUsesEqualJitterSoTheWaitIsNeverBelowHalfTheExponentialStep() {
        // Equal jitter, as the class documents: half of the step fixed, the other half scaled by the random value.
        assertThat(withRandom(0).backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(withRandom(0.5).backoff(1)).isEqualTo(Duration.ofMillis(150));
        assertThat(withRandom(0).backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(withRandom(0.999).backoff(3)).isEqualTo(Duration.ofMillis(799));
    }

    @Test
    void backoffIsCappedAtTheMaximumEvenAfterVeryManyFailures() {
        assertThat(withRandom(0).backoff(1_000)).isEqualTo(Duration.ofSeconds(15));
        assertThat(withRandom(0.999).backoff(1_000)).isLessThan(Duration.ofSeconds(30));
    }
}
