package dev.apiauth.spi;

import java.util.Map;

/**
 * Fetches tokens for one account: one round trip per {@link #fetch()} call, no caching, no retry,
 * no locking — the engine calls it at most once at a time per account and owns all of that.
 */
public interface TokenSource {
    /**
     * Does one round trip to the vendor's token endpoint (or none, for static credentials).
     *
     * @throws CredentialsRejectedException the vendor refused the credentials
     * @throws TransientAuthException 5xx, 429, I/O, timeouts
     * @throws MalformedResponseException the answer is not the documented shape
     * @throws InteractionRequiredException a person must act first (e.g. consent)
     */
    AccessToken fetch();

    /**
     * The headers an authorized API request carries with this token, in order. The default is
     * {@code Authorization: <type> <value>}.
     */
    default Map<String, String> headers(AccessToken token) {
        return Map.of("Authorization", token.type() + " " + token.value());
    }
}
