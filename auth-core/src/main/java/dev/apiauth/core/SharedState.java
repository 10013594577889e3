package dev.apiauth.core;

import dev.apiauth.spi.Api;

/**
 * What a fleet of instances shares, in its three parts: {@link SharedTokens token coordination},
 * {@link RateBudgets rate budgets} and {@link RejectionNotices rejection notices}. The default keeps
 * all of them in this JVM; {@code auth-redis}'s {@code RedisSharedState} is one object providing the
 * three through Redis. Pass it to {@link Credentials.Builder#sharedState(SharedState)}, or set the
 * parts one by one on the builder.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface SharedState {
    /** {@return shared state with every part kept in this JVM only} */
    static SharedState local() {
        return LocalSharedState.INSTANCE;
    }

    /**
     * Combines three parts, e.g. Redis rate budgets with local token coordination.
     *
     * @param tokens token coordination across instances
     * @param rateBudgets where rate budgets live
     * @param rejections how rejections reported by other instances arrive
     * @return the combined state
     * @throws NullPointerException if any part is null
     */
    static SharedState of(SharedTokens tokens, RateBudgets rateBudgets, RejectionNotices rejections) {
        return new SharedParts(tokens, rateBudgets, rejections);
    }

    /** {@return token coordination across instances} */
    SharedTokens tokens();

    /** {@return where rate budgets live} */
    RateBudgets rateBudgets();

    /** {@return how rejections reported by other instances reach this one's accounts} */
    RejectionNotices rejections();
}
