package dev.apiauth.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, so expiry, refresh-ahead and back-off are tested without sleeping.
 *
 * <p>Thread-safe: an engine's sleeper may advance it from whichever thread waits while other threads
 * read it. It only moves forward, as the engine assumes of time ({@link #advance} and {@link #set}
 * refuse to go back); for a clock that stands still at a past instant use {@link Clock#fixed}.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
 * Credentials credentials = Credentials.builder(provider).clock(clock)
 *         .sleeper(clock::advance)   // waits move the clock instead of sleeping
 *         .build();
 * clock.advance(Duration.ofMinutes(55));
 * }</pre>
 */
public class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    /** A UTC clock standing at {@code start}. */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /**
     * Moves the clock forward by {@code duration}.
     *
     * @throws IllegalArgumentException when {@code duration} is negative: time in the engine never runs back
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward: " + duration);
        }
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /**
     * Sets the clock to {@code instant}.
     *
     * @throws IllegalArgumentException when {@code instant} is before the current time
     */
    public void set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        now.updateAndGet(current -> {
            if (instant.isBefore(current)) {
                throw new IllegalArgumentException("a clock only moves forward: " + instant + " is before " + current);
            }
            return instant;
        });
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }

    /** Always UTC; {@link #withZone} gives views in other zones. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view of this clock in another zone; it moves with this one. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new View(this, Objects.requireNonNull(zone, "zone"));
    }

    /**
     * {@code clock}'s time as a separate {@code Clock} object that moves with it (any clock: a
     * {@code MutableClock}, the system clock). For simulating several processes on one timeline: the
     * engine keeps in-JVM state (a rate budget) per clock object, so each simulated process needs a
     * clock of its own, as separate JVMs would have.
     */
    public static Clock viewOf(Clock clock) {
        return new View(Objects.requireNonNull(clock, "clock"), clock.getZone());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + now.get() + "]";
    }

    /** Reads its owner's time; equal to no other clock, so it is its own object wherever clocks are keys. */
    private static final class View extends Clock {
        private final Clock owner;
        private final ZoneId zone;

        View(Clock owner, ZoneId zone) {
            this.owner = owner;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return owner.instant();
        }

        @Override
        public long millis() {
            return owner.millis();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new View(owner, Objects.requireNonNull(other, "zone"));
        }

        @Override
        public String toString() {
            return "view of " + owner + " in " + zone;
        }
    }
}
