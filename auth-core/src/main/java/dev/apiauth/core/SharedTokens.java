package dev.apiauth.core;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import java.util.function.Supplier;

/**
 * Token coordination across the instances of a fleet: which token an account uses next, and which
 * instance fetches it. One of the three parts of a {@link SharedState}. The default fetches
 * directly; {@code auth-redis} shares the token through Redis. The hot path never calls it: it is
 * consulted only when this instance needs a new token.
 */
@Api(status = Api.Status.EXPERIMENTAL)
@FunctionalInterface
public interface SharedTokens {
    /** {@return no coordination: every instance fetches its own tokens} */
    static SharedTokens local() {
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
     * @param fetch one round trip to the vendor (paced to its rate budget); its exceptions propagate
     * @return the token the account uses next; never {@code null}
     */
    AccessToken obtainToken(String accountKey, AccessToken previous, boolean previousRejected,
            Supplier<AccessToken> fetch);
}
