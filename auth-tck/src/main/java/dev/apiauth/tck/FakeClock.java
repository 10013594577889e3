package dev.apiauth.tck;

import dev.apiauth.testing.MutableClock;
import java.time.Instant;

/**
 * A clock the TCK moves by hand, so expiry and back-off are tested without sleeping: the
 * {@link MutableClock} of {@code auth-testing} (thread-safe, UTC, forward only), under the name the
 * TCK's API ({@link TestEngine#clock()}) has always given it. New code may use {@code MutableClock}.
 */
public final class FakeClock extends MutableClock {
    /** A UTC clock standing at {@code start}. */
    public FakeClock(Instant start) {
        super(start);
    }
}
