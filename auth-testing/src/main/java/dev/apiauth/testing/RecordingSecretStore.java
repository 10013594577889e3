package dev.apiauth.testing;

import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory {@link SecretStore} a test can look into: what a provider kept (a rotated refresh
 * token, a consent) is visible through {@link #contents()}. Share one between two engines to simulate
 * a restart. Thread-safe; {@link #toString()} names keys, never values.
 */
public final class RecordingSecretStore implements SecretStore {
    private final ConcurrentHashMap<String, Secret> secrets = new ConcurrentHashMap<>();

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

    /** Every stored value by key, revealed, sorted by key: for a test's assertions only. */
    public Map<String, String> contents() {
        Map<String, String> contents = new TreeMap<>();
        secrets.forEach((key, value) -> contents.put(key, value.reveal()));
        return contents;
    }

    /** The stored keys, sorted. */
    public Set<String> keys() {
        return new TreeSet<>(secrets.keySet());
    }

    @Override
    public String toString() {
        return "RecordingSecretStore" + keys();
    }
}
