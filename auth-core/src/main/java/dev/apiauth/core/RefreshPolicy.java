package dev.apiauth.core;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
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
 * jitter of up to {@code jitterRatio × ahead} so a fleet does not refresh in lockstep; it never
 * turns stale after it expired. The defaults are a refresh-ahead of 20 % (at most 5 min), an expiry
 * margin of 10 % (at most 30 s) and a jitter of 10 %: a 10 s token is stale after 7.8 to 8 s and
 * expired after 9 s; a 1 h token is stale after 54.5 to 55 min and expired after 59.5 min. A token
 * of unknown lifetime is kept until it is rejected, or for {@link Builder#maxTokenAge(Duration)}
 * when set.
 *
 * <p>A lifetime over {@link #IMPLAUSIBLE_LIFETIME} (from {@code expires_in} or a JWT {@code exp}) is
 * a vendor bug or a unit error, not a promise: such a token is used, but its lifetime is cut to
 * {@link Builder#implausibleLifetimeCap(Duration)} (24 h unless set, never above the maximum token
 * age), and the engine logs one warning. Refusing the token would be an outage; keeping it for
 * decades would rely on a 401 alone to replace it.
 */
@Api(status = Api.Status.STABLE)
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

    /** {@return the policy with the defaults described above} */
    public static RefreshPolicy defaults() {
        return builder().build();
    }

    /** {@return a builder that starts from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the maximum token age, or empty when none is set (the default)} */
    public Optional<Duration> maxTokenAge() {
        return Optional.ofNullable(maxTokenAge);
    }

    /**
     * {@return how long a token with an implausible lifetime is used: the configured cap, or the
     * maximum token age when that is shorter}
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

    /**
     * Copies this policy with a maximum token age; see {@link Builder#maxTokenAge(Duration)}.
     *
     * @param age the maximum age; positive
     * @return a copy with that maximum age, this policy unchanged
     * @throws IllegalArgumentException when {@code age} is zero or negative
     */
    public RefreshPolicy withMaxTokenAge(Duration age) {
        return toBuilder().maxTokenAge(age).build();
    }

    /**
     * This policy with the shorter of its maximum token age and {@code age}: how the engine applies
     * a token source's {@link dev.apiauth.spi.TokenSource#maxTokenAge()}.
     */
    RefreshPolicy withMaxTokenAgeAtMost(Optional<Duration> age) {
        if (age.isEmpty() || (maxTokenAge != null && age.get().compareTo(maxTokenAge) >= 0)) {
            return this;
        }
        return withMaxTokenAge(age.get());
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

    /**
     * Whether the engine would still use {@code token} at {@code now}: before its expiry less the
     * margin (and within the maximum token age). A fleet's shared state asks this before handing a
     * token another instance fetched to this one, so it judges tokens exactly as the engine does.
     *
     * @param token the token to judge
     * @param now the instant to judge it at, from the engine's clock
     * @return whether the token is neither expired nor past the maximum token age at {@code now}
     * @throws NullPointerException if {@code token} is null
     */
    public boolean usableAt(AccessToken token, java.time.Instant now) {
        Objects.requireNonNull(token, "token");
        return epochMillis(now) < expiredAtMillis(token);
    }

    /** When the engine counts {@code token} expired, in epoch milliseconds; no jitter, so no random draw. */
    private long expiredAtMillis(AccessToken token) {
        long issued = epochMillis(token.issuedAt());
        Optional<java.time.Instant> expiry = token.expiresAt();
        if (expiry.isEmpty()) {
            return maxTokenAge == null ? Long.MAX_VALUE : saturatedAdd(issued, maxTokenAge.toMillis());
        }
        long expiresAt = epochMillis(expiry.get());
        if (maxTokenAge != null) {
            expiresAt = Math.min(expiresAt, saturatedAdd(issued, maxTokenAge.toMillis()));
        }
        // From the lifetime the engine will use: a maximum age shorter than the grant is the lifetime.
        long lifetime = Math.max(0, expiresAt - issued);
        long margin = Math.min(maxExpiryMargin.toMillis(), (long) (lifetime * expiryMarginRatio));
        return Math.max(issued, expiresAt - margin);
    }

    /** The two instants, in epoch milliseconds, at which {@code token} turns stale and expired. */
    Schedule schedule(AccessToken token) {
        long expiredAt = expiredAtMillis(token);
        Optional<java.time.Instant> expiry = token.expiresAt();
        if (expiry.isEmpty()) {
            return new Schedule(expiredAt, expiredAt);
        }
        long issued = epochMillis(token.issuedAt());
        long expiresAt = epochMillis(expiry.get());
        if (maxTokenAge != null) {
            expiresAt = Math.min(expiresAt, saturatedAdd(issued, maxTokenAge.toMillis()));
        }
        long lifetime = Math.max(0, expiresAt - issued); // the cut lifetime, as in expiredAtMillis
        long ahead = Math.min(maxRefreshAhead.toMillis(), (long) (lifetime * refreshAheadRatio));
        long jitter = (long) (ahead * jitterRatio * random.getAsDouble());
        return new Schedule(Math.min(expiredAt, Math.max(issued, expiresAt - ahead - jitter)), expiredAt);
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

        /**
         * Sets how long before its expiry a token turns stale and is refreshed in the background
         * (default 0.2, at most 5 min).
         *
         * @param ratioOfLifetime the share of the token's lifetime, in [0, 1)
         * @param max the upper bound; not negative
         * @return this builder
         * @throws IllegalArgumentException when the ratio is outside [0, 1) or {@code max} is negative
         */
        public Builder refreshAhead(double ratioOfLifetime, Duration max) {
            this.refreshAheadRatio = ratio(ratioOfLifetime, "refresh-ahead ratio");
            this.maxRefreshAhead = nonNegative(max, "maximum refresh-ahead");
            return this;
        }

        /**
         * Sets how long before its expiry a token counts as expired and callers wait for a new one,
         * so requests stop carrying it before it can expire in flight or by the vendor's clock
         * (default 0.1, at most 30 s).
         *
         * @param ratioOfLifetime the share of the token's lifetime, in [0, 1)
         * @param max the upper bound; not negative
         * @return this builder
         * @throws IllegalArgumentException when the ratio is outside [0, 1) or {@code max} is negative
         */
        public Builder expiryMargin(double ratioOfLifetime, Duration max) {
            this.expiryMarginRatio = ratio(ratioOfLifetime, "expiry margin ratio");
            this.maxExpiryMargin = nonNegative(max, "maximum expiry margin");
            return this;
        }

        /**
         * Sets the random extra refresh-ahead, drawn per token (default 0.1).
         *
         * @param ratioOfRefreshAhead the largest extra, as a share of the refresh-ahead, in [0, 1);
         *     0 disables jitter
         * @return this builder
         * @throws IllegalArgumentException when the ratio is outside [0, 1)
         */
        public Builder jitter(double ratioOfRefreshAhead) {
            this.jitterRatio = ratio(ratioOfRefreshAhead, "jitter ratio");
            return this;
        }

        /**
         * Sets the maximum token age (none by default): a token of unknown lifetime is refetched
         * after it, and a longer known lifetime is cut to it (margin and refresh-ahead then follow
         * the cut lifetime, as for a token granted for that long).
         *
         * @param age the maximum age since the token was issued; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code age} is zero or negative
         */
        public Builder maxTokenAge(Duration age) {
            Objects.requireNonNull(age, "age");
            if (age.isZero() || age.isNegative()) {
                throw new IllegalArgumentException("maximum token age must be positive: " + age);
            }
            this.maxTokenAge = age;
            return this;
        }

        /**
         * Sets how long a token whose granted lifetime is implausible (over
         * {@link #IMPLAUSIBLE_LIFETIME}) is used: 24 h unless set, and never longer than the maximum
         * token age.
         *
         * @param cap the lifetime to use instead, from the token's issue time; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code cap} is zero or negative
         */
        public Builder implausibleLifetimeCap(Duration cap) {
            Objects.requireNonNull(cap, "cap");
            if (cap.isZero() || cap.isNegative()) {
                throw new IllegalArgumentException("the implausible-lifetime cap must be positive: " + cap);
            }
            this.implausibleLifetimeCap = cap;
            return this;
        }

        /**
         * Sets the source of jitter; for deterministic tests.
         *
         * @param source supplies a value in [0, 1) per token; 0 gives no jitter
         * @return this builder
         */
        public Builder random(DoubleSupplier source) {
            this.random = Objects.requireNonNull(source, "source");
            return this;
        }

        /** {@return an immutable policy with the values set so far} */
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
