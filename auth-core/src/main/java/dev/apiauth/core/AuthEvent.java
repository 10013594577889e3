package dev.apiauth.core;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to an account's token, for metrics and logs. Carries no token or secret.
 *
 * @param providerId the provider
 * @param type what happened
 * @param at when it happened, by the engine's clock
 * @param took how long the token request took, attempts and waits included; zero for
 *     {@link Type#REJECTED}
 * @param attempts token requests made for this event; zero for {@link Type#REJECTED}
 * @param expiresAt the new token's expiry, when known (fetched and refreshed events)
 * @param failure the failure, for {@link Type#FAILED}
 */
@Api(status = Api.Status.STABLE)
public record AuthEvent(String providerId, Type type, Instant at, Duration took, int attempts,
        Optional<Instant> expiresAt, Optional<AuthException> failure) {

    /** Kinds of event. */
    public enum Type {
        /** A token was fetched while a caller waited (first use, expiry, rejection). */
        FETCHED,
        /** A stale token was replaced in the background; no caller waited. */
        REFRESHED,
        /** A token request failed (after its retries). */
        FAILED,
        /** The API rejected the current token; the next caller fetches a new one. */
        REJECTED
    }
}
