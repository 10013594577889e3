package dev.apiauth.benchmarks;

import java.time.Duration;
import java.util.Objects;

/**
 * How early each library refreshes and when it stops using a token. {@link #libraryDefaults()} keeps
 * every library's own defaults (for one-hour tokens). Tokens of a few seconds need
 * {@link #proportional(Duration)}: google-auth's default margins (refresh 3 min 45 s, expiry 3 min
 * before the end) and Spring's clock skew (60 s) exceed such a lifetime, so every token would be
 * expired on arrival. The peers then get the schedule apiauth's default policy computes for that
 * lifetime: refresh from 20 % of the lifetime before expiry, stop using it 10 % before.
 *
 * @param refreshAhead how long before expiry a refresh starts (google-auth's refresh margin), or null for the default
 * @param expiryMargin how long before expiry the token counts as expired (google-auth's expiration
 *     margin, Spring's clock skew), or null for the default
 */
public record Schedule(Duration refreshAhead, Duration expiryMargin) {
    /** Each library with its own defaults. */
    public static Schedule libraryDefaults() {
        return new Schedule(null, null);
    }

    /** apiauth's default schedule for tokens of {@code lifetime}, applied to every library. */
    public static Schedule proportional(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        return new Schedule(Duration.ofMillis(lifetime.toMillis() / 5), Duration.ofMillis(lifetime.toMillis() / 10));
    }

    public boolean isDefault() {
        return refreshAhead == null;
    }

    @Override
    public String toString() {
        return isDefault() ? "library defaults"
                : "refresh " + refreshAhead.toMillis() + " ms and expire " + expiryMargin.toMillis() + " ms before expiry";
    }
}
