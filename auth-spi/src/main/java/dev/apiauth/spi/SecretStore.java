package dev.apiauth.spi;

import java.util.Optional;

/**
 * Where long-lived secrets (a Dotypos refresh token) are kept across restarts. The engine provides
 * an in-memory store by default, a file store (atomic writes, owner-only files) and, in a fleet, a
 * shared one. The engine prefixes keys with the provider id; when several accounts of one provider
 * may share a store, include what tells them apart (e.g. a cloud id) in the key.
 */
@Api(status = Api.Status.STABLE)
public interface SecretStore {
    /**
     * The key under which the engine keeps a provider's {@code key} in the application's store:
     * {@code <providerId>.<key>}. Use it to seed or inspect a store, e.g. after a consent step.
     */
    static String providerKey(String providerId, String key) {
        return providerId + "." + key;
    }

    Optional<Secret> load(String key);

    /** Saves atomically: a reader sees the old or the new value, never a partial one. */
    void save(String key, Secret value);

    void remove(String key);
}
