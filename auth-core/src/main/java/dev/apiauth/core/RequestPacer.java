package dev.apiauth.core;

import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.TransientAuthException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Paces requests to a provider's declared budgets, so requests wait their turn instead of earning
 * 429s. The budget comes from the account's {@link RateBudgets}: by default one per scope, limits
 * and clock in this JVM, across a fleet with {@code auth-redis}.
 */
final class RequestPacer {
    private static final RequestPacer NONE = new RequestPacer(null, null, null, Duration.ZERO, "none");

    private final String providerId;
    private final RateBudget budget;
    private final Sleeper sleeper;
    private final Duration maxWait;
    private final String description;

    private RequestPacer(String providerId, RateBudget budget, Sleeper sleeper, Duration maxWait, String description) {
        this.providerId = providerId;
        this.budget = budget;
        this.sleeper = sleeper;
        this.maxWait = maxWait;
        this.description = description;
    }

    static RequestPacer none() {
        return NONE;
    }

    /** The pacer for {@code limits}, on the budget {@code budgets} keeps for {@code scope} by {@code clock}. */
    static RequestPacer of(String providerId, String scope, List<RateLimit> limits, RateBudgets budgets, Clock clock,
            Sleeper sleeper, Duration maxWait) {
        if (limits.isEmpty()) {
            return NONE;
        }
        return new RequestPacer(providerId, budgets.budget(scope, limits, clock), sleeper, maxWait, limits.toString());
    }

    /**
     * Waits for one permit.
     *
     * @throws TransientAuthException when the wait would exceed the configured maximum (e.g. the
     *     daily budget is spent), carrying the time until a permit is available as {@code Retry-After}
     */
    void acquire() {
        if (budget == null) {
            return;
        }
        try {
            if (budget.tryAcquire(maxWait, sleeper)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientAuthException(providerId, "interrupted while waiting for the rate budget", null, null, e);
        }
        Duration wait = budget.untilAvailable();
        throw new TransientAuthException(providerId, "the vendor's rate budget " + description
                + " is spent; the next request is allowed in " + wait.toSeconds() + " s (longer than the "
                + maxWait.toMillis() + " ms the engine waits)", 429, wait, null);
    }

    @Override
    public String toString() {
        return "RequestPacer" + description;
    }
}
