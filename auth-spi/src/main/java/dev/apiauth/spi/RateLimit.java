package dev.apiauth.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A request budget the vendor enforces, e.g. 1 request per second. The engine paces requests to
 * stay inside it, shared by every client in the JVM with the same {@link TokenSource#rateLimitScope() scope}.
 *
 * @param permits how many requests the budget allows per period; positive
 * @param period the window the permits refill over; positive
 */
@Api(status = Api.Status.STABLE)
public record RateLimit(long permits, Duration period) {
    /**
     * Checks the budget.
     *
     * @param permits how many requests per period; positive
     * @param period the window; positive
     * @throws IllegalArgumentException if either is not positive
     */
    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (permits <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs positive permits and period: " + permits + "/" + period);
        }
    }

    /**
     * {@code permits} requests per {@code period}.
     *
     * @param permits how many requests per period; positive
     * @param period the window; positive
     * @return the budget
     */
    public static RateLimit of(long permits, Duration period) {
        return new RateLimit(permits, period);
    }
}
