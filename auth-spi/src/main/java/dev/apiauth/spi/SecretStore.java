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
     *
     * @param providerId the provider's id
     * @param key the provider's own key, e.g. {@code refresh-token}
     * @return the key in the application's store
     */
    static String providerKey(String providerId, String key) {
        return providerId + "." + key;
    }

    /**
     * Loads a secret.
     *
     * @param key the key
     * @return the secret, or empty when none is stored under the key
     */
    Optional<Secret> load(String key);

    /**
     * Saves atomically: a reader sees the old or the new value, never a partial one.
     *
     * @param key the key
     * @param value the secret
     */
    void save(String key, Secret value);

    /**
     * Removes a secret; nothing happens when none is stored.
     *
     * @param key the key
     */
    void remove(String key);
}
