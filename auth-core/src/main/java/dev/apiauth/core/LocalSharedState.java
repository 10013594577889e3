package dev.apiauth.core;

import dev.apiauth.core.internal.Buckets;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.RateLimit;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The in-JVM default of every part of {@link SharedState}: tokens fetched directly, budgets kept in
 * this JVM (one per scope, limits and clock, so accounts sharing a vendor budget share one bucket),
 * no rejection notices.
 */
final class LocalSharedState implements SharedState, SharedTokens, RateBudgets, RejectionNotices {
    static final LocalSharedState INSTANCE = new LocalSharedState();
    private static final Registration NO_REGISTRATION = () -> { };

    private final ConcurrentHashMap<BudgetKey, RateBudget> budgets = new ConcurrentHashMap<>();

    private LocalSharedState() {
    }

    @Override
    public SharedTokens tokens() {
        return this;
    }

    @Override
    public RateBudgets rateBudgets() {
        return this;
    }

    @Override
    public RejectionNotices rejections() {
        return this;
    }

    @Override
    public AccessToken obtainToken(String accountKey, AccessToken previous, boolean previousRejected,
            Supplier<AccessToken> fetch) {
        return fetch.get();
    }

    @Override
    public RateBudget budget(String scope, List<RateLimit> limits, Clock clock) {
        List<RateLimit> copy = List.copyOf(limits);
        return budgets.computeIfAbsent(new BudgetKey(scope, copy, clock),
                key -> Buckets.budget(Buckets.local(copy, clock)));
    }

    @Override
    public Registration subscribe(String accountKey, RejectionListener listener) {
        return NO_REGISTRATION;
    }

    @Override
    public String toString() {
        return "SharedState.local()";
    }

    private record BudgetKey(String scope, List<RateLimit> limits, Clock clock) {
    }
}
