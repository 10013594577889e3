package dev.apiauth.core;

import dev.apiauth.spi.Api;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How the engine retries a token request that failed transiently, and how long it waits before
 * asking again after a failure. Immutable; build with {@link #builder()}.
 *
 * <ul>
 *   <li>A caller that needs a token makes up to {@link Builder#maxAttempts(int) maxAttempts}
 *       attempts, waiting an exponential backoff with equal jitter between them (half of it fixed, half
 *       random, so the wait never collapses to zero), or the vendor's
 *       {@code Retry-After} when longer; a wait longer than {@link Builder#maxRetryWait(Duration)}
 *       is not waited: the caller gets the transient error with its {@code Retry-After}.</li>
 *   <li>After a failure, no new attempt is made until the backoff (or {@code Retry-After}) has
 *       passed; callers in between get the failure at once instead of hammering the endpoint.</li>
 *   <li>Rejected credentials are never retried; the next attempt waits for
 *       {@link Builder#rejectedCredentialsCooldown(Duration)}.</li>
 *   <li>A caller waits at most {@link Builder#maxTokenWait(Duration)} for a token request another
 *       thread has in flight.</li>
 * </ul>
 *
 * <p>The defaults: 3 attempts, a backoff from 200 ms doubling up to 30 s, a maximum retry wait of
 * 5 s, a rejected-credentials cooldown of 30 s and a maximum token wait of 60 s. A vendor's
 * {@code Retry-After} longer than an hour is taken as an hour.
 */
@Api(status = Api.Status.STABLE)
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryWait;
    private final Duration rejectedCredentialsCooldown;
    private final Duration maxTokenWait;
    private final DoubleSupplier random;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.maxRetryWait = builder.maxRetryWait;
        this.rejectedCredentialsCooldown = builder.rejectedCredentialsCooldown;
        this.maxTokenWait = builder.maxTokenWait;
        this.random = builder.random;
    }

    /** {@return the policy with the defaults described above} */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** {@return a builder that starts from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    int maxAttempts() {
        return maxAttempts;
    }

    Duration maxRetryWait() {
        return maxRetryWait;
    }

    Duration rejectedCredentialsCooldown() {
        return rejectedCredentialsCooldown;
    }

    Duration maxTokenWait() {
        return maxTokenWait;
    }

    /**
     * The wait after the {@code failures}-th consecutive failure: exponential from the initial
     * backoff, capped, with "equal jitter" (half fixed, half random) so it never collapses to zero.
     */
    Duration backoff(int failures) {
        long base = initialBackoff.toMillis();
        long capped = Math.min(maxBackoff.toMillis(), base << Math.min(30, Math.max(0, failures - 1)));
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (half * random.getAsDouble()));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", maxRetryWait=" + maxRetryWait + ", rejectedCredentialsCooldown=" + rejectedCredentialsCooldown + "]";
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration maxRetryWait = Duration.ofSeconds(5);
        private Duration rejectedCredentialsCooldown = Duration.ofSeconds(30);
        private Duration maxTokenWait = Duration.ofSeconds(60);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        /**
         * Sets how many token requests one fetch makes, the first included (default 3).
         *
         * @param attempts at least 1; 1 disables retries
         * @return this builder
         * @throws IllegalArgumentException when {@code attempts} is below 1
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Sets the backoff after a failure: {@code initial} after the first, doubling with each
         * consecutive failure up to {@code max}; each wait is then between half and all of that, at
         * random (equal jitter). Defaults 200 ms and 30 s.
         *
         * @param initial the backoff after the first failure; positive
         * @param max the largest backoff; positive, not below {@code initial}
         * @return this builder
         * @throws IllegalArgumentException when either is not positive or {@code max} is below
         *     {@code initial}
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            this.maxBackoff = positive(max, "maximum backoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("maximum backoff " + max + " is below the initial " + initial);
            }
            return this;
        }

        /**
         * Sets the longest a caller waits between two attempts (default 5 s); when the backoff or
         * the vendor's {@code Retry-After} is longer, the caller gets the transient error at once.
         *
         * @param wait not negative; zero disables retries that need a wait
         * @return this builder
         * @throws IllegalArgumentException when {@code wait} is negative
         */
        public Builder maxRetryWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("maxRetryWait must not be negative: " + wait);
            }
            this.maxRetryWait = wait;
            return this;
        }

        /**
         * Sets how long rejected credentials (a wrong client secret, a revoked API key) are reported
         * to callers without asking the vendor again (default 30 s).
         *
         * @param cooldown not negative; zero asks again on the next call
         * @return this builder
         * @throws IllegalArgumentException when {@code cooldown} is negative
         */
        public Builder rejectedCredentialsCooldown(Duration cooldown) {
            Objects.requireNonNull(cooldown, "cooldown");
            if (cooldown.isNegative()) {
                throw new IllegalArgumentException("cooldown must not be negative: " + cooldown);
            }
            this.rejectedCredentialsCooldown = cooldown;
            return this;
        }

        /**
         * Sets the longest a caller waits for a token request another thread has in flight, so a
         * stuck request never blocks callers forever (default 60 s); the caller then gets a
         * {@link dev.apiauth.spi.TransientAuthException}.
         *
         * @param wait positive
         * @return this builder
         * @throws IllegalArgumentException when {@code wait} is zero or negative
         */
        public Builder maxTokenWait(Duration wait) {
            this.maxTokenWait = positive(wait, "maxTokenWait");
            return this;
        }

        /**
         * Sets the source of jitter; for deterministic tests.
         *
         * @param source supplies a value in [0, 1) per backoff; 0 gives the shortest wait (half)
         * @return this builder
         */
        public Builder random(DoubleSupplier source) {
            this.random = Objects.requireNonNull(source, "source");
            return this;
        }

        /** {@return an immutable policy with the values set so far} */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
            return value;
        }
    }
}
