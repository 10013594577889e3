package dev.apiauth.redis;

import dev.apiauth.core.RefreshPolicy;
import dev.apiauth.core.SharedTokens;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.TransientAuthException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's token coordination ({@link SharedTokens}) in Redis: the token in Redis is taken when it
 * is usable by the engine's {@link RefreshPolicy} and newer than this instance's; otherwise one
 * instance takes a lease (with a fencing number) and fetches, the others wait for its token up to
 * the wait time. Obtained from {@link RedisSharedState#tokens()}.
 */
public final class RedisTokens implements SharedTokens {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedState.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration UNKNOWN_LIFETIME_TTL = Duration.ofDays(1);
    private static final long POLL_MILLIS = 50;

    private final RedisLink link;
    private final Encryption encryption;
    private final String prefix;
    private final Duration leaseTime;
    private final Duration waitTime;
    private final Clock clock;
    private final RefreshPolicy refreshPolicy;
    private final Stored stored;

    RedisTokens(RedisLink link, Encryption encryption, String prefix, Duration leaseTime, Duration waitTime, Clock clock,
            RefreshPolicy refreshPolicy, Stored stored) {
        this.link = link;
        this.encryption = encryption;
        this.prefix = prefix;
        this.leaseTime = leaseTime;
        this.waitTime = waitTime;
        this.clock = clock;
        this.refreshPolicy = refreshPolicy;
        this.stored = stored;
    }

    @Override
    public AccessToken obtainToken(String accountKey, AccessToken previous, boolean previousRejected,
            Supplier<AccessToken> fetch) {
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(fetch, "fetch");
        Keys keys = keys(accountKey);
        String previousId = previous == null ? null : encryption.tokenId(previous.value());
        try {
            if (previousRejected && previousId != null) {
                Long announced = link.use(() -> link.commands().eval(Scripts.REJECT, ScriptOutputType.INTEGER,
                        new String[] {keys.token}, previousId, link.channel(), "rejected " + accountKey + " " + previousId));
                if (announced == 1) {
                    LOG.debug("{}: told the fleet the current token was rejected", accountKey);
                }
            }
            long deadline = System.nanoTime() + waitTime.toNanos();
            while (true) {
                Optional<AccessToken> shared = sharedToken(accountKey, keys, previous, previousId);
                if (shared.isPresent()) {
                    return shared.get();
                }
                Optional<Lease> lease = lease(keys);
                if (lease.isPresent()) {
                    return fetchHolding(lease.get(), accountKey, keys, previous, previousId, fetch);
                }
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
                stored.await(POLL_MILLIS, accountKey);
            }
            LOG.warn("{}: the instance fetching the fleet's token did not finish within {} ms; fetching here instead",
                    accountKey, waitTime.toMillis());
        } catch (RedisUnavailableException e) {
            // Already logged once for the outage by the link.
        }
        return fetch.get();
    }

    /** Fetches as the lease holder; Redis failing after the fetch costs the fleet, never this request. */
    private AccessToken fetchHolding(Lease lease, String accountKey, Keys keys, AccessToken previous, String previousId,
            Supplier<AccessToken> fetch) throws RedisUnavailableException {
        try {
            // A holder may have stored and released between our read and our lease.
            Optional<AccessToken> shared = sharedToken(accountKey, keys, previous, previousId);
            if (shared.isPresent()) {
                return shared.get();
            }
            AccessToken token = fetch.get();
            try {
                if (store(lease, accountKey, keys, token)) {
                    return token;
                }
                // Our lease ran out and another instance stored a token since: the fleet's wins.
                LOG.debug("{}: a newer fleet token replaced the one fetched here (fence {} is stale)", accountKey, lease.fence);
                return sharedToken(accountKey, keys, previous, previousId).orElse(token);
            } catch (RedisUnavailableException e) {
                return token;
            }
        } finally {
            release(lease, keys);
        }
    }

    private Optional<AccessToken> sharedToken(String accountKey, Keys keys, AccessToken previous, String previousId)
            throws RedisUnavailableException {
        Map<String, String> record = link.use(() -> link.commands().hgetall(keys.token));
        if (record.isEmpty() || "1".equals(record.get("rejected")) || record.get("token") == null) {
            return Optional.empty();
        }
        String id = record.get("id");
        if (id == null || id.equals(previousId)) {
            return Optional.empty();
        }
        AccessToken token;
        try {
            token = TokenCodec.read(encryption.open(record.get("token"), tokenContext(accountKey)));
        } catch (Encryption.UnreadableException | IllegalArgumentException e) {
            LOG.warn("{}: the fleet's token in Redis cannot be read ({}); check that every instance has the same"
                    + " encryption-key (or lists it in previous-encryption-keys). Fetching a new one", accountKey, e.getMessage());
            return Optional.empty();
        }
        if (!refreshPolicy.usableAt(token, clock.instant()) || (previous != null && (token.issuedAt().isBefore(previous.issuedAt())
                // Ids differ for one token while instances rotate keys; the values do not.
                || MessageDigest.isEqual(token.value().getBytes(StandardCharsets.UTF_8),
                        previous.value().getBytes(StandardCharsets.UTF_8))))) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    private Optional<Lease> lease(Keys keys) throws RedisUnavailableException {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String holder = HexFormat.of().formatHex(random);
        Long fence = link.use(() -> link.commands().eval(Scripts.ACQUIRE, ScriptOutputType.INTEGER,
                new String[] {keys.lease, keys.fence}, holder, String.valueOf(leaseTime.toMillis())));
        return fence == 0 ? Optional.empty() : Optional.of(new Lease(fence, holder));
    }

    private boolean store(Lease lease, String accountKey, Keys keys, AccessToken token) throws RedisUnavailableException {
        String sealed = encryption.seal(TokenCodec.write(token), tokenContext(accountKey));
        long ttl = token.expiresAt()
                .map(expiry -> Math.min(Duration.between(clock.instant(), expiry).toMillis(), UNKNOWN_LIFETIME_TTL.toMillis()))
                .orElse(UNKNOWN_LIFETIME_TTL.toMillis());
        Long result = link.use(() -> link.commands().eval(Scripts.STORE, ScriptOutputType.INTEGER,
                new String[] {keys.token, keys.fence, keys.lease}, String.valueOf(lease.fence), lease.holder,
                encryption.tokenId(token.value()), sealed, String.valueOf(Math.max(1, ttl)), link.channel(),
                "stored " + accountKey));
        return result == 1;
    }

    private void release(Lease lease, Keys keys) {
        try {
            link.use(() -> link.commands().eval(Scripts.RELEASE, ScriptOutputType.INTEGER, new String[] {keys.lease},
                    lease.holder));
        } catch (RedisUnavailableException e) {
            // The lease expires by itself.
        }
    }

    private Keys keys(String accountKey) {
        // The hash tag {…} puts an account's keys in one Redis Cluster slot, as its scripts need.
        String base = prefix + "{" + accountKey + "}:";
        return new Keys(base + "token", base + "lease", base + "fence");
    }

    /** The associated data a token of {@code accountKey} is sealed with, so a value copied under another key does not open. */
    static String tokenContext(String accountKey) {
        return "apiauth token\n" + accountKey;
    }

    private static String providerId(String accountKey) {
        int colon = accountKey.indexOf(':');
        return colon < 0 ? accountKey : accountKey.substring(0, colon);
    }

    @Override
    public String toString() {
        return "RedisTokens[" + link + ", prefix=" + prefix + "]";
    }

    private record Keys(String token, String lease, String fence) {
    }

    private record Lease(long fence, String holder) {
    }

    /**
     * Wakes instances waiting for the lease holder's token when any instance announces it stored;
     * made before the link whose messages signal it, so neither needs the other injected.
     */
    static final class Stored {
        synchronized void signal() {
            notifyAll();
        }

        synchronized void await(long millis, String accountKey) {
            try {
                wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientAuthException(providerId(accountKey), "interrupted while waiting for the fleet's token",
                        null, null, e);
            }
        }
    }
}
