package dev.apiauth.core;

import dev.apiauth.spi.Api;
import java.time.Duration;

/**
 * One rate budget: permits that refill over time, shared by everyone using the same budget (in
 * this JVM, or across a fleet). Made by {@link RateBudgets}; the engine's pacer takes one permit
 * per request. Implementations must be thread-safe and must not fail because a shared store is
 * unreachable (fall back to a budget of this JVM instead), since the engine calls them on the
 * request path.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface RateBudget {
    /**
     * Takes one permit, waiting with {@code sleeper} for it when it is available within
     * {@code maxWait}; takes nothing and returns {@code false} at once otherwise.
     *
     * @param maxWait the longest acceptable wait; zero takes a permit only if one is available now
     * @param sleeper waits the time until the permit (the engine's, so tests can fake it)
     * @return whether a permit was taken
     * @throws InterruptedException when the wait was interrupted
     */
    boolean tryAcquire(Duration maxWait, Sleeper sleeper) throws InterruptedException;

    /** {@return how long until one permit is available (zero when one is available now)} Takes nothing. */
    Duration untilAvailable();
}
