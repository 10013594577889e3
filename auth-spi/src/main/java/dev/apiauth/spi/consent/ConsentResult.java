package dev.apiauth.spi.consent;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a valid consent callback delivered: secrets the provider reads back from its secret store
 * (e.g. a refresh token), plain settings the account needs from now on (e.g. a cloud id), and a
 * short description a tool can show ("Dotypos cloud 123"). Prints without the secrets.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ConsentResult {
    private final String providerId;
    private final Map<String, Secret> secrets;
    private final Map<String, String> settings;
    private final String description;

    /**
     * @param providerId the provider that ran the consent
     * @param secrets keys as the provider uses them in its own secret store, and their values
     * @param settings setting names and values to add to the account's settings
     * @param description what was connected, without a secret
     */
    public ConsentResult(String providerId, Map<String, Secret> secrets, Map<String, String> settings,
            String description) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(secrets, "secrets")));
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        this.description = Objects.requireNonNull(description, "description");
    }

    /** {@return the provider that ran the consent} */
    public String providerId() {
        return providerId;
    }

    /** {@return the secrets to keep, under the keys the provider reads from its own store} */
    public Map<String, Secret> secrets() {
        return secrets;
    }

    /** {@return the settings the account needs from now on (not secret), e.g. {@code cloud-id}} */
    public Map<String, String> settings() {
        return settings;
    }

    /** {@return what was connected, e.g. {@code Dotypos cloud 123}} */
    public String description() {
        return description;
    }

    /**
     * The key under which {@link #saveTo} keeps {@code key} in the application's store: the engine
     * gives each provider a view of that store with keys prefixed by {@link SecretStore#providerKey}.
     *
     * @param key a key of {@link #secrets()}
     * @return the key in the application's store
     */
    public String storeKey(String key) {
        return SecretStore.providerKey(providerId, key);
    }

    /**
     * Saves every secret in {@code applicationStore} — the store the application gives the engine —
     * under {@link #storeKey}, where the provider finds it through the engine.
     *
     * @param applicationStore the application's store
     */
    public void saveTo(SecretStore applicationStore) {
        Objects.requireNonNull(applicationStore, "applicationStore");
        secrets.forEach((key, value) -> applicationStore.save(storeKey(key), value));
    }

    @Override
    public String toString() {
        return "ConsentResult[" + providerId + ", " + description + ", settings=" + settings + ", secrets="
                + secrets.keySet() + " (values redacted)]";
    }
}
