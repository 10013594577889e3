package dev.apiauth.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's clock, shared by the vendor simulators and the engine: real time plus an offset the
 * demo moves forward to expire tokens without waiting for them.
 */
final class DemoClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    DemoClock(Clock base) {
        this.base = base;
    }

    /** Moves this clock forward by {@code amount}. */
    void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the demo clock only moves forward: " + amount);
        }
        offset.accumulateAndGet(amount, Duration::plus);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo clock is UTC only");
    }
}
