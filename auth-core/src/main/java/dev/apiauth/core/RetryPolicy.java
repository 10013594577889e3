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
 * </ul>
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

    public static RetryPolicy defaults() {
        return builder().build();
    }

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

        /** Attempts per call that needs a token, the first included (1 disables retries). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            this.maxBackoff = positive(max, "maximum backoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("maximum backoff " + max + " is below the initial " + initial);
            }
            return this;
        }

        /** The longest a caller waits between two attempts; longer {@code Retry-After}s fail fast. */
        public Builder maxRetryWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("maxRetryWait must not be negative: " + wait);
            }
            this.maxRetryWait = wait;
            return this;
        }

        /** How long rejected credentials are reported without asking the vendor again. */
        public Builder rejectedCredentialsCooldown(Duration cooldown) {
            Objects.requireNonNull(cooldown, "cooldown");
            if (cooldown.isNegative()) {
                throw new IllegalArgumentException("cooldown must not be negative: " + cooldown);
            }
            this.rejectedCredentialsCooldown = cooldown;
            return this;
        }

        /**
         * The longest a caller waits for a token request another thread has in flight, so a stuck
         * request never blocks callers forever (60 s by default).
         */
        public Builder maxTokenWait(Duration wait) {
            this.maxTokenWait = positive(wait, "maxTokenWait");
            return this;
        }

        /** The source of jitter, a value in [0, 1); for deterministic tests. */
        public Builder random(DoubleSupplier source) {
            this.random = Objects.requireNonNull(source, "source");
            return this;
        }

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
