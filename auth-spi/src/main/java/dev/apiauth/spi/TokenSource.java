package dev.apiauth.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches tokens for one account: one round trip per {@link #fetch()} call, no caching, no retry,
 * no locking — the engine calls it at most once at a time per account and owns all of that.
 */
@Api(status = Api.Status.STABLE)
public interface TokenSource {
    /**
     * Does one round trip to the vendor's token endpoint (or none, for static credentials).
     *
     * @return the token
     * @throws CredentialsRejectedException the vendor refused the credentials
     * @throws TransientAuthException 5xx, 429, I/O, timeouts
     * @throws MalformedResponseException the answer is not the documented shape
     * @throws InteractionRequiredException a person must act first (e.g. consent)
     */
    AccessToken fetch();

    /**
     * The headers an authorized API request carries with this token, in order. The default is
     * {@code Authorization: <type> <value>}. RFC 6749 §7.1: a token of a type the provider does not
     * understand must not be used; {@code TokenResponses.standardToken} lets only {@code Bearer}
     * through unless the provider declares the other types it understands, and such a provider
     * builds their headers here.
     *
     * @param token a token this source fetched
     * @return the header names and values
     */
    default Map<String, String> headers(AccessToken token) {
        return Map.of("Authorization", token.type() + " " + token.value());
    }

    /**
     * The longest the engine keeps a token of this account, whatever its expiry says, for a provider
     * that offers a maximum-age setting (doo's {@code max-token-age}). The engine applies it with its
     * own maximum token age ({@code RefreshPolicy.maxTokenAge}; the shorter wins): a token of unknown
     * lifetime is replaced at that age, a longer one's expiry is brought forward to it. The provider
     * does not cap expiries itself.
     *
     * @return a positive age, or empty (the default) for none
     */
    default Optional<Duration> maxTokenAge() {
        return Optional.empty();
    }

    /**
     * {@return the request budgets the engine's integrations pace this account's requests to}
     * Token requests count too. Empty (the default) means no pacing.
     */
    default List<RateLimit> rateLimits() {
        return List.of();
    }

    /**
     * {@return which accounts share one budget}
     * All sources in the JVM with equal scope share it (doo: one per API key). Must not be a secret;
     * use e.g. a SHA-256 fingerprint of the key. Defaults to one budget per source.
     */
    default String rateLimitScope() {
        return getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }
}
