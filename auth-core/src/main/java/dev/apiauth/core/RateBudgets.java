package dev.apiauth.core;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.RateLimit;
import java.time.Clock;
import java.util.List;

/**
 * Where rate budgets live: one of the three parts of a {@link SharedState}. The default keeps each
 * budget in this JVM, shared by every account with the same scope, limits and clock;
 * {@code auth-redis} keeps them in Redis so that a vendor's limit holds across a fleet.
 */
@Api(status = Api.Status.EXPERIMENTAL)
@FunctionalInterface
public interface RateBudgets {
    /** {@return budgets of this JVM only} */
    static RateBudgets local() {
        return LocalSharedState.INSTANCE;
    }

    /**
     * The budget enforcing {@code limits} for {@code scope}. Called once when a {@link Credentials}
     * with a rate-limited token source is built.
     *
     * @param scope identifies the budget ({@link dev.apiauth.spi.TokenSource#rateLimitScope()}); not secret
     * @param limits the token source's limits, never empty
     * @param clock the engine's clock: the one time source the budget refills by
     * @return the budget; budgets made for equal arguments share their permits
     */
    RateBudget budget(String scope, List<RateLimit> limits, Clock clock);
}
