package dev.apiauth.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every access token the simulations issued, with its expiry by the simulator's clock. Expiring all
 * tokens at once marks every token issued so far as expired, so tokens issued afterwards work.
 */
final class IssuedTokens {
    /** What the API finds for a presented token. */
    enum Status { VALID, EXPIRED, UNKNOWN }

    /** One issued token: its vendor, issue order, expiry and what it grants (scopes, cloud id). */
    record Grant(String providerId, long serial, Instant expiresAt, Map<String, Object> details) {
    }

    /** The outcome of checking a token; {@code grant} is {@code null} for an unknown token. */
    record Check(Status status, Grant grant) {
        boolean valid() {
            return status == Status.VALID;
        }
    }

    private final Clock clock;
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();
    private volatile long expiredUpTo;

    IssuedTokens(Clock clock) {
        this.clock = clock;
    }

    void issue(String providerId, String token, Instant expiresAt, Map<String, Object> details) {
        tokens.put(token, new Grant(providerId, serials.incrementAndGet(), expiresAt, Map.copyOf(details)));
    }

    /** Whether {@code token} was issued by {@code providerId}'s simulation and is still valid now. */
    Check check(String providerId, String token) {
        Grant grant = token == null ? null : tokens.get(token);
        if (grant == null || !grant.providerId().equals(providerId)) {
            return new Check(Status.UNKNOWN, null);
        }
        boolean expired = grant.serial() <= expiredUpTo || !clock.instant().isBefore(grant.expiresAt());
        return new Check(expired ? Status.EXPIRED : Status.VALID, grant);
    }

    /** Every token issued until now counts as expired from now on. */
    void expireAll() {
        expiredUpTo = serials.get();
    }

    /** Forgets every token: they become unknown. */
    void clear() {
        tokens.clear();
    }
}
