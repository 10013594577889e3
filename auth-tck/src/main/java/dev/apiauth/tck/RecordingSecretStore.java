package dev.apiauth.tck;

import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret store the TCK gives the engine: in memory, shared between the engines of one test to
 * simulate a restart, and inspectable so rules can see what the provider kept.
 */
final class RecordingSecretStore implements SecretStore {
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

    /** Every stored value by key, revealed, for the rules' checks. */
    Map<String, String> contents() {
        Map<String, String> contents = new TreeMap<>();
        secrets.forEach((key, value) -> contents.put(key, value.reveal()));
        return contents;
    }

    @Override
    public String toString() {
        return "RecordingSecretStore" + new TreeMap<>(secrets).keySet();
    }
}
