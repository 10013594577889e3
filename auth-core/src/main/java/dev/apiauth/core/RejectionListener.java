package dev.apiauth.core;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import java.util.function.Predicate;

/**
 * Receives the rejections other instances report ({@link RejectionNotices}). Each account has one;
 * {@link Credentials#rejectionListener()} returns it.
 */
@Api(status = Api.Status.EXPERIMENTAL)
@FunctionalInterface
public interface RejectionListener {
    /**
     * Another instance reports a rejected token. The account drops its current token if
     * {@code isRejected} matches it, exactly as after its own {@link Credentials#rejected}. Called on
     * the notifying implementation's thread (e.g. Lettuce's event loop): it does not block.
     *
     * @param isRejected whether a token is the one rejected (implementations compare keyed hashes, not values)
     */
    void rejectedElsewhere(Predicate<AccessToken> isRejected);
}
