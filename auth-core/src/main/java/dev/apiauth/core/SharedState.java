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
    /** Every part kept in this JVM only. */
    static SharedState local() {
        return LocalSharedState.INSTANCE;
    }

    /** The three parts given. */
    static SharedState of(SharedTokens tokens, RateBudgets rateBudgets, RejectionNotices rejections) {
        return new SharedParts(tokens, rateBudgets, rejections);
    }

    /** Token coordination across instances. */
    SharedTokens tokens();

    /** Where rate budgets live. */
    RateBudgets rateBudgets();

    /** How rejections reported by other instances reach this one's accounts. */
    RejectionNotices rejections();
}
