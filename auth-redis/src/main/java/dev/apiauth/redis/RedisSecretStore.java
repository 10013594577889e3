package dev.apiauth.redis;

import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import dev.apiauth.spi.TransientAuthException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long-lived secrets (a Dotypos refresh token) shared by the fleet in Redis, AES-256-GCM
 * encrypted and bound to their key. A save is one {@code SET}, so readers see the old or the new
 * value. While Redis is unreachable {@link #load} answers with the last value this instance read
 * or wrote, and {@link #save} fails rather than leave the fleet behind. Get it from
 * {@link RedisSharedState#secretStore()}.
 */
public final class RedisSecretStore implements SecretStore {
    private final RedisLink link;
    private final Encryption encryption;
    private final String prefix;
    // Held in memory only, so this instance keeps working through a Redis outage.
    private final ConcurrentHashMap<String, Secret> lastKnown = new ConcurrentHashMap<>();

    RedisSecretStore(RedisLink link, Encryption encryption, String prefix) {
        this.link = link;
        this.encryption = encryption;
        this.prefix = prefix;
    }

    @Override
    public Optional<Secret> load(String key) {
        Objects.requireNonNull(key, "key");
        String sealed;
        try {
            sealed = link.use(() -> link.commands().get(prefix + key));
        } catch (RedisUnavailableException e) {
            Secret known = lastKnown.get(key);
            if (known != null) {
                return Optional.of(known);
            }
            throw new TransientAuthException(null, "secret '" + key + "' is kept in Redis, which is unreachable,"
                    + " and this instance has not read it before; retry when Redis is back", null, null, e);
        }
        if (sealed == null) {
            lastKnown.remove(key);
            return Optional.empty();
        }
        try {
            Secret secret = Secret.of(encryption.open(sealed, context(key)));
            lastKnown.put(key, secret);
            return Optional.of(secret);
        } catch (Encryption.UnreadableException e) {
            throw new AuthException(null, "secret '" + key + "' in Redis cannot be decrypted (" + e.getMessage()
                    + "); configure the encryption-key it was saved with, or list it in previous-encryption-keys");
        }
    }

    /** @throws TransientAuthException Redis is unreachable; nothing was saved */
    @Override
    public void save(String key, Secret value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String sealed = encryption.seal(value.reveal(), context(key));
        try {
            link.use(() -> link.commands().set(prefix + key, sealed));
        } catch (RedisUnavailableException e) {
            throw new TransientAuthException(null, "secret '" + key + "' was not saved: Redis is unreachable;"
                    + " save it again when Redis is back", null, null, e);
        }
        lastKnown.put(key, value);
    }

    /** @throws TransientAuthException Redis is unreachable; nothing was removed */
    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        try {
            link.use(() -> link.commands().del(prefix + key));
        } catch (RedisUnavailableException e) {
            throw new TransientAuthException(null, "secret '" + key + "' was not removed: Redis is unreachable",
                    null, null, e);
        }
        lastKnown.remove(key);
    }

    private static String context(String key) {
        return "apiauth secret\n" + key;
    }

    @Override
    public String toString() {
        return "RedisSecretStore[" + link + ", prefix=" + prefix + "]";
    }
}
