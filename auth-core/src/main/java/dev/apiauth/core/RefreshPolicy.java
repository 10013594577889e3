package dev.apiauth.core;

import dev.apiauth.spi.AccessToken;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a token turns stale (refresh in the background while it is still used) and when it counts
 * as expired (callers wait for a new one). Immutable; build with {@link #builder()}.
 *
 * <p>For a token of lifetime {@code L}: it expires for the engine at {@code expiry - margin}, with
 * {@code margin = min(maxExpiryMargin, L × expiryMarginRatio)}, and turns stale
 * {@code ahead = min(maxRefreshAhead, L × refreshAheadRatio)} before its expiry, minus a random
 * jitter of up to {@code jitterRatio × ahead} so a fleet does not refresh in lockstep. With the
 * defaults a 10 s token is stale after ~8 s and expired after 9 s; a 1 h token is stale after
 * ~55 min and expired after 59.5 min. A token of unknown lifetime is kept until it is rejected, or
 * for {@link Builder#maxTokenAge(Duration)} when set.
 *
 * <p>A lifetime over {@link #IMPLAUSIBLE_LIFETIME} (from {@code expires_in} or a JWT {@code exp}) is
 * a vendor bug or a unit error, not a promise: such a token is used, but its lifetime is cut to
 * {@link Builder#implausibleLifetimeCap(Duration)} (24 h unless set, never above the maximum token
 * age), and the engine logs one warning. Refusing the token would be an outage; keeping it for
 * decades would rely on a 401 alone to replace it.
 */
public final class RefreshPolicy {
    /** Granted lifetimes longer than this (ten years) are implausible and get capped. */
    public static final Duration IMPLAUSIBLE_LIFETIME = Duration.ofDays(3650);

    private final double refreshAheadRatio;
    private final Duration maxRefreshAhead;
    private final double expiryMarginRatio;
    private final Duration maxExpiryMargin;
    private final double jitterRatio;
    private final Duration maxTokenAge;
    private final Duration implausibleLifetimeCap;
    private final DoubleSupplier random;

    private RefreshPolicy(Builder builder) {
        this.refreshAheadRatio = builder.refreshAheadRatio;
        this.maxRefreshAhead = builder.maxRefreshAhead;
        this.expiryMarginRatio = builder.expiryMarginRatio;
        this.maxExpiryMargin = builder.maxExpiryMargin;
        this.jitterRatio = builder.jitterRatio;
        this.maxTokenAge = builder.maxTokenAge;
        this.implausibleLifetimeCap = builder.implausibleLifetimeCap;
        this.random = builder.random;
    }

    /** The defaults described above. */
    public static RefreshPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The maximum age of a token of unknown lifetime, if set. */
    public Optional<Duration> maxTokenAge() {
        return Optional.ofNullable(maxTokenAge);
    }

    /**
     * How long a token with an implausible lifetime is used: the configured cap, or the maximum
     * token age when that is shorter.
     */
    public Duration implausibleLifetimeCap() {
        return maxTokenAge != null && maxTokenAge.compareTo(implausibleLifetimeCap) < 0
                ? maxTokenAge : implausibleLifetimeCap;
    }

    /**
     * {@code token} itself, or, when its lifetime is implausible, a copy (same value, type, scopes
     * and attributes) that expires {@link #implausibleLifetimeCap()} after it was issued.
     */
    AccessToken capImplausible(AccessToken token) {
        Optional<Duration> lifetime = token.lifetime();
        if (lifetime.isEmpty() || lifetime.get().compareTo(IMPLAUSIBLE_LIFETIME) <= 0) {
            return token;
        }
        AccessToken.Builder capped = AccessToken.builder(token.value(), token.issuedAt())
                .type(token.type())
                .expiresIn(implausibleLifetimeCap())
                .scopes(token.scopes());
        token.attributes().forEach(capped::attribute);
        return capped.build();
    }

    /** This policy with a maximum age for tokens of unknown lifetime. */
    public RefreshPolicy withMaxTokenAge(Duration age) {
        return toBuilder().maxTokenAge(age).build();
    }

    /**
     * This policy with the shorter of its maximum token age and {@code age}: how the engine applies
     * a token source's {@link dev.apiauth.spi.TokenSource#maxTokenAge()}.
     */
    RefreshPolicy withMaxTokenAgeAtMost(Optional<Duration> age) {
        return age.filter(limit -> maxTokenAge == null || limit.compareTo(maxTokenAge) < 0)
                .map(this::withMaxTokenAge)
                .orElse(this);
    }

    private Builder toBuilder() {
        Builder builder = new Builder();
        builder.refreshAheadRatio = refreshAheadRatio;
        builder.maxRefreshAhead = maxRefreshAhead;
        builder.expiryMarginRatio = expiryMarginRatio;
        builder.maxExpiryMargin = maxExpiryMargin;
        builder.jitterRatio = jitterRatio;
        builder.maxTokenAge = maxTokenAge;
        builder.implausibleLifetimeCap = implausibleLifetimeCap;
        builder.random = random;
        return builder;
    }

    /** The two instants, in epoch milliseconds, at which {@code token} turns stale and expired. */
    Schedule schedule(AccessToken token) {
        long issued = epochMillis(token.issuedAt());
        Optional<java.time.Instant> expiry = token.expiresAt();
        if (expiry.isEmpty()) {
            long end = maxTokenAge == null ? Long.MAX_VALUE : saturatedAdd(issued, maxTokenAge.toMillis());
            return new Schedule(end, end);
        }
        long expiresAt = epochMillis(expiry.get());
        long lifetime = Math.max(0, expiresAt - issued);
        if (maxTokenAge != null) {
            expiresAt = Math.min(expiresAt, saturatedAdd(issued, maxTokenAge.toMillis()));
        }
        long margin = Math.min(maxExpiryMargin.toMillis(), (long) (lifetime * expiryMarginRatio));
        long ahead = Math.min(maxRefreshAhead.toMillis(), (long) (lifetime * refreshAheadRatio));
        long jitter = (long) (ahead * jitterRatio * random.getAsDouble());
        long expiredAt = expiresAt - margin;
        long staleAt = Math.min(expiredAt, expiresAt - ahead - jitter);
        return new Schedule(Math.max(issued, staleAt), Math.max(issued, expiredAt));
    }

    /** Epoch milliseconds, saturated: instants far in the past or future do not overflow. */
    private static long epochMillis(java.time.Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(java.time.Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public String toString() {
        return "RefreshPolicy[refreshAhead=min(" + maxRefreshAhead + ", " + refreshAheadRatio + "×lifetime), margin=min("
                + maxExpiryMargin + ", " + expiryMarginRatio + "×lifetime), jitter=" + jitterRatio
                + ", maxTokenAge=" + (maxTokenAge == null ? "none" : maxTokenAge)
                + ", implausibleLifetimeCap=" + implausibleLifetimeCap + "]";
    }

    /** Epoch-millisecond instants at which a token turns stale and expired. */
    record Schedule(long staleAtMillis, long expiredAtMillis) {
    }

    /** Builds a {@link RefreshPolicy}. */
    public static final class Builder {
        private double refreshAheadRatio = 0.2;
        private Duration maxRefreshAhead = Duration.ofMinutes(5);
        private double expiryMarginRatio = 0.1;
        private Duration maxExpiryMargin = Duration.ofSeconds(30);
        private double jitterRatio = 0.1;
        private Duration maxTokenAge;
        private Duration implausibleLifetimeCap = Duration.ofHours(24);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        /** Refresh this share of the lifetime before expiry, at most {@code max}. */
        public Builder refreshAhead(double ratioOfLifetime, Duration max) {
            this.refreshAheadRatio = ratio(ratioOfLifetime, "refresh-ahead ratio");
            this.maxRefreshAhead = nonNegative(max, "maximum refresh-ahead");
            return this;
        }

        /** Consider the token expired this share of its lifetime before its expiry, at most {@code max}. */
        public Builder expiryMargin(double ratioOfLifetime, Duration max) {
            this.expiryMarginRatio = ratio(ratioOfLifetime, "expiry margin ratio");
            this.maxExpiryMargin = nonNegative(max, "maximum expiry margin");
            return this;
        }

        /** Random extra refresh-ahead, as a share of the refresh-ahead (0 disables jitter). */
        public Builder jitter(double ratioOfRefreshAhead) {
            this.jitterRatio = ratio(ratioOfRefreshAhead, "jitter ratio");
            return this;
        }

        /** Refetch tokens of unknown lifetime after this age, and cap known lifetimes at it. */
        public Builder maxTokenAge(Duration age) {
            Objects.requireNonNull(age, "age");
            if (age.isZero() || age.isNegative()) {
                throw new IllegalArgumentException("maximum token age must be positive: " + age);
            }
            this.maxTokenAge = age;
            return this;
        }

        /**
         * How long to use a token whose granted lifetime is implausible (over
         * {@link #IMPLAUSIBLE_LIFETIME}); 24 h unless set, and never longer than the maximum token age.
         */
        public Builder implausibleLifetimeCap(Duration cap) {
            Objects.requireNonNull(cap, "cap");
            if (cap.isZero() || cap.isNegative()) {
                throw new IllegalArgumentException("the implausible-lifetime cap must be positive: " + cap);
            }
            this.implausibleLifetimeCap = cap;
            return this;
        }

        /** The source of jitter, a value in [0, 1); for deterministic tests. */
        public Builder random(DoubleSupplier source) {
            this.random = Objects.requireNonNull(source, "source");
            return this;
        }

        public RefreshPolicy build() {
            return new RefreshPolicy(this);
        }

        private static double ratio(double value, String what) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException(what + " must be in [0, 1): " + value);
            }
            return value;
        }

        private static Duration nonNegative(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + value);
            }
            return value;
        }
    }
}
