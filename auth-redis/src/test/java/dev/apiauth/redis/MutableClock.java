package dev.apiauth.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand; shared by every instance of a simulated fleet. */
final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    void advance(Duration step) {
        now.updateAndGet(instant -> instant.plus(step));
    }

    /**
     * This clock as another object, for one simulated instance: the engine keeps one in-JVM rate
     * bucket per clock, so instances with their own view do not share one by accident, as
     * separate JVMs would not.
     */
    static Clock instanceView(Clock shared) {
        return new Clock() {
            @Override
            public Instant instant() {
                return shared.instant();
            }

            @Override
            public long millis() {
                return shared.millis();
            }

            @Override
            public ZoneId getZone() {
                return shared.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the fleet's clock has one zone");
            }
        };
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fleet's clock has one zone");
    }
}
