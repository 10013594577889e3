package dev.apiauth.core;

import java.time.Clock;

/**
 * The time the hot path compares against. For the system clock it is a coarse, shared reading
 * refreshed every few milliseconds by one daemon thread, so a request costs a volatile read rather
 * than a clock call; token schedules have margins of seconds, so the coarseness is harmless. Any
 * other clock (a fake one in tests) is read directly.
 */
abstract class Ticker {
    abstract long millis();

    static Ticker of(Clock clock) {
        if (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) {
            return Coarse.INSTANCE;
        }
        return new Direct(clock);
    }

    private static final class Direct extends Ticker {
        private final Clock clock;

        Direct(Clock clock) {
            this.clock = clock;
        }

        @Override
        long millis() {
            return clock.millis();
        }
    }

    private static final class Coarse extends Ticker {
        private static final long PERIOD_MILLIS = 4;
        static final Coarse INSTANCE = new Coarse();

        private volatile long now = System.currentTimeMillis();

        private Coarse() {
            Thread thread = new Thread(this::run, "apiauth-ticker");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (true) {
                now = System.currentTimeMillis();
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        long millis() {
            return now;
        }
    }
}
