package dev.apiauth.spi;

import dev.apiauth.spi.internal.SettingValues;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's settings after validation: every declared setting with a value or default is
 * present and well-formed, so the typed accessors do not fail on user input. Prints secrets
 * redacted.
 */
@Api(status = Api.Status.STABLE)
public final class ProviderSettings {
    private final ProviderInfo info;
    private final Map<String, String> values;

    static {
        SettingValues.settingsFactory(ProviderSettings::new);
    }

    /**
     * Wraps validated values; the engine builds them through {@link SettingValues#providerSettings}
     * after checking them against {@code info}. Values are stripped of surrounding white space.
     */
    private ProviderSettings(ProviderInfo info, Map<String, String> values) {
        this.info = Objects.requireNonNull(info, "info");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Setting setting = declared(entry.getKey());
            copy.put(setting.name(), Objects.requireNonNull(entry.getValue(), entry.getKey()).strip());
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    private Setting declared(String name) {
        Optional<Setting> setting = info.setting(name);
        if (setting.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' is not a declared setting of " + info.displayName());
        }
        return setting.get();
    }

    /**
     * The value given or defaulted, if any.
     *
     * @param name a declared setting
     * @return the value, stripped of surrounding white space
     * @throws IllegalArgumentException if the provider declares no such setting
     */
    public Optional<String> find(String name) {
        Setting setting = declared(name);
        String value = values.get(name);
        return Optional.ofNullable(value != null ? value : setting.defaultValue().orElse(null));
    }

    /**
     * The value of a setting that must be present (required or defaulted).
     *
     * @param name a declared setting
     * @return the value
     * @throws IllegalStateException if the setting has neither a value nor a default
     */
    public String get(String name) {
        Optional<String> value = find(name);
        if (value.isEmpty()) {
            throw new IllegalStateException(
                    "setting '" + name + "' has no value and no default; declare it required or read it with find()");
        }
        return value.get();
    }

    /**
     * A secret setting's value, wrapped so it does not print.
     *
     * @param name a declared secret setting
     * @return the value as a secret
     * @throws IllegalStateException if the setting has neither a value nor a default
     */
    public Secret secret(String name) {
        return Secret.of(get(name));
    }

    /**
     * An optional secret setting.
     *
     * @param name a declared secret setting
     * @return the value as a secret, if given or defaulted
     */
    public Optional<Secret> findSecret(String name) {
        return find(name).map(Secret::of);
    }

    /**
     * A URL setting.
     *
     * @param name a declared URL setting
     * @return the value as a URI
     */
    public URI uri(String name) {
        return URI.create(get(name));
    }

    /**
     * A duration setting.
     *
     * @param name a declared duration setting
     * @return the value as a duration
     */
    public Duration duration(String name) {
        return SettingValues.parseDuration(get(name)).orElseThrow();
    }

    /**
     * An optional duration setting.
     *
     * @param name a declared duration setting
     * @return the value as a duration, if given or defaulted
     */
    public Optional<Duration> findDuration(String name) {
        return find(name).map(value -> SettingValues.parseDuration(value).orElseThrow());
    }

    /**
     * A whole-number setting.
     *
     * @param name a declared integer setting
     * @return the value
     */
    public long integer(String name) {
        return Long.parseLong(get(name));
    }

    /**
     * A boolean setting.
     *
     * @param name a declared flag setting
     * @return the value
     */
    public boolean flag(String name) {
        return Boolean.parseBoolean(get(name));
    }

    /**
     * A list setting's items.
     *
     * @param name a declared choice-list setting
     * @return the items, empty when absent
     */
    public List<String> list(String name) {
        Optional<String> value = find(name);
        return value.isPresent() ? SettingValues.splitList(value.get()) : List.of();
    }

    /**
     * Whether the user gave the setting explicitly (a default does not count).
     *
     * @param name a declared setting
     * @return whether a value was given
     */
    public boolean isGiven(String name) {
        declared(name);
        return values.containsKey(name);
    }

    /** {@return the provider these settings belong to} */
    public ProviderInfo info() {
        return info;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ProviderSettings[");
        String separator = "";
        for (Map.Entry<String, String> entry : values.entrySet()) {
            boolean secret = declared(entry.getKey()).secret();
            text.append(separator).append(entry.getKey()).append('=').append(secret ? "REDACTED" : entry.getValue());
            separator = ", ";
        }
        return text.append(']').toString();
    }
}
