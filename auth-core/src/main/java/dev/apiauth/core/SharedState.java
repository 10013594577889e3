package dev.apiauth.core;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.RateLimit;
import io.github.bucket4j.Bucket;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where state that a fleet of instances must share lives: the current token of an account and the
 * rate budgets. The default keeps both in this JVM; {@code auth-redis} shares them through Redis.
 * The hot path never calls it: it is consulted only when this instance needs a new token and when
 * a rate budget is created.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface SharedState {
    /** State kept in this JVM only. */
    static SharedState local() {
        return LocalSharedState.INSTANCE;
    }

    /**
     * Obtains the next token for an account. A shared implementation returns a token another
     * instance already fetched when it is newer than {@code previous} and still usable, and lets
     * only one instance of the fleet call {@code fetch} at a time.
     *
     * @param accountKey identifies the account (provider id and a fingerprint of its settings); not secret
     * @param previous the token this instance holds (stale, expired or rejected), or {@code null}
     * @param previousRejected whether the API rejected {@code previous}, so it must not be handed out again
     * @param fetch one round trip to the vendor
     */
    AccessToken obtainToken(String accountKey, AccessToken previous, boolean previousRejected,
            Supplier<AccessToken> fetch);

    /**
     * Called once for every {@link Credentials} built with this state, so a shared implementation
     * can drop that instance's token when another instance reports it rejected
     * ({@link Credentials#rejected(Authorization)} with {@link Credentials#peek()}). Default: nothing.
     */
    default void attach(String accountKey, Credentials credentials) {
    }

    /**
     * Called once when a {@link Credentials} that was {@linkplain #attach attached} closes: a shared
     * implementation must forget it (a fleet instance lives longer than its accounts, and redeploys
     * build new ones). Default: nothing.
     */
    default void detach(String accountKey, Credentials credentials) {
    }

    /**
     * The bucket enforcing {@code limits} for {@code scope}, or empty to use the engine's in-JVM
     * bucket. Called once when a {@link Credentials} is built; the bucket must keep working when the
     * shared store fails (e.g. fall back to a local bucket), since the engine does not catch its
     * failures on the request path.
     */
    default Optional<Bucket> rateBudget(String scope, List<RateLimit> limits) {
        return Optional.empty();
    }

    /** The in-JVM default: fetch directly, no shared budget. */
    final class LocalSharedState implements SharedState {
        static final LocalSharedState INSTANCE = new LocalSharedState();

        private LocalSharedState() {
        }

        @Override
        public AccessToken obtainToken(String accountKey, AccessToken previous, boolean previousRejected,
                Supplier<AccessToken> fetch) {
            return fetch.get();
        }

        @Override
        public String toString() {
            return "SharedState.local()";
        }
    }
}
