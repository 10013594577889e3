package dev.apiauth.core.store;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets kept for the life of the process; the engine's default. Thread-safe. Nothing survives a
 * restart: use {@link FileSecretStore} (or a store shared by the fleet) for a refresh token that
 * must.
 */
@Api(status = Api.Status.STABLE)
public final class InMemorySecretStore implements SecretStore {
    private final ConcurrentHashMap<String, Secret> secrets = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemorySecretStore() {
    }

    @Override
    public Optional<Secret> load(String key) {
        return Optional.ofNullable(secrets.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public void save(String key, Secret value) {
        secrets.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void remove(String key) {
        secrets.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public String toString() {
        return "InMemorySecretStore[" + secrets.size() + " secrets]";
    }
}
