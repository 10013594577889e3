package dev.apiauth.core;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.internal.SettingValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;

/**
 * A user's raw settings for one provider account, from a {@code Map}, {@code Properties} or
 * environment variables, not yet validated. {@link #validate(AuthProvider)} checks them against the
 * provider's declared settings and reports every problem in one {@link InvalidSettingsException}.
 * Prints setting names only, never values.
 */
@Api(status = Api.Status.STABLE)
public final class Settings {
    private static final String ENV_PREFIX = "APIAUTH_";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** {@return no settings; for providers that need none, or as a start for {@link #with}} */
    public static Settings empty() {
        return new Settings(new LinkedHashMap<>());
    }

    /**
     * Copies settings named as the provider declares them ({@code client-id}).
     *
     * @param values setting name to value; neither may be null
     * @return the settings, in {@code values}' iteration order
     * @throws NullPointerException naming the setting whose name or value is null
     */
    public static Settings of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "setting name");
            if (entry.getValue() == null) {
                throw new NullPointerException("value of setting '" + name + "'");
            }
            copy.put(name, entry.getValue());
        }
        return new Settings(copy);
    }

    /**
     * Copies every property, keys as setting names ({@code client-id=...}).
     *
     * @param properties the properties, defaults included
     * @return the settings
     */
    public static Settings fromProperties(Properties properties) {
        return fromProperties(properties, "");
    }

    /**
     * Copies the properties whose keys start with {@code prefix} (e.g. {@code "apiauth.domo."}),
     * the prefix removed; other properties are ignored.
     *
     * @param properties the properties, defaults included
     * @param prefix the key prefix, matched case-sensitively; {@code ""} takes every property
     * @return the settings
     */
    public static Settings fromProperties(Properties properties, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                values.put(key.substring(prefix.length()), properties.getProperty(key));
            }
        }
        return new Settings(values);
    }

    /**
     * Reads this process's environment variables {@code APIAUTH_<PROVIDER>_<SETTING>}; see
     * {@link #fromEnvironment(String, Map)}.
     *
     * @param providerId the provider id, e.g. {@code "doo"}
     * @return the settings found; empty when no variable is set
     */
    public static Settings fromEnvironment(String providerId) {
        return fromEnvironment(providerId, System.getenv());
    }

    /**
     * Reads the variables {@code APIAUTH_<PROVIDER>_<SETTING>} of {@code environment}: provider
     * {@code doo}, setting {@code client-id} is {@code APIAUTH_DOO_CLIENT_ID}. The name after the
     * prefix is lower-cased and its underscores become dashes; other variables are ignored.
     *
     * @param providerId the provider id
     * @param environment variable name to value, e.g. a test's own map
     * @return the settings found; empty when no variable matches
     */
    public static Settings fromEnvironment(String providerId, Map<String, String> environment) {
        String prefix = environmentPrefix(providerId);
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                values.put(key.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-'), value);
            }
        });
        return new Settings(values);
    }

    /**
     * Names the environment variable that {@link #fromEnvironment(String)} reads a setting from;
     * for messages that tell the user what to set.
     *
     * @param providerId the provider id, e.g. {@code "doo"}
     * @param setting the setting name, e.g. {@code "client-id"}
     * @return the variable name, e.g. {@code APIAUTH_DOO_CLIENT_ID}
     */
    public static String environmentVariable(String providerId, String setting) {
        return environmentPrefix(providerId) + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String environmentPrefix(String providerId) {
        return ENV_PREFIX + providerId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    }

    /**
     * Adds one value; these settings are not changed.
     *
     * @param name the setting name
     * @param value its value, replacing a previous one
     * @return a copy with the value set
     * @throws NullPointerException when {@code name} or {@code value} is null
     */
    public Settings with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
        return new Settings(copy);
    }

    /**
     * Layers {@code overrides} on top (e.g. environment over a properties file); these settings are
     * not changed.
     *
     * @param overrides the settings that win where both have a value
     * @return a copy with every value of {@code overrides} set
     */
    public Settings overriddenBy(Settings overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides.values);
        return new Settings(copy);
    }

    /** {@return the raw values, unmodifiable; secrets included, so do not print them} */
    public Map<String, String> values() {
        return values;
    }

    /**
     * Checks these settings against {@code provider}'s declarations: unknown names, missing required
     * settings, malformed values, then the provider's own cross-setting rules.
     *
     * @param provider the provider whose declared settings apply
     * @return the accepted settings, typed by the provider's declarations
     * @throws InvalidSettingsException listing every problem, never a secret's value
     */
    public ProviderSettings validate(AuthProvider provider) {
        ProviderInfo info = provider.info();
        String id = provider.id();
        List<String> problems = new ArrayList<>();
        Set<String> refused = new HashSet<>();
        addUnknown(info, problems, "setting '", "' for provider '" + id + "'");
        ProviderSettings settings = wellFormed(info, problems, refused, id);
        // A rule about a setting already refused (e.g. "mode password needs 'password'" after
        // "'password' is empty") would say the same thing twice.
        for (String problem : crossChecks(provider, settings, !problems.isEmpty())) {
            if (!mentionsAny(problem, refused)) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(id, problems);
        }
        return settings;
    }

    /**
     * Checks these settings against the declarations of a part of an application that is
     * configured like a provider but is not one, such as {@code auth-redis}'s fleet settings:
     * unknown names and malformed values, with the same messages as for providers. Required
     * settings are not checked, since that part's builder may be given them otherwise; it reports
     * missing ones itself, together with these problems.
     *
     * @param component names the part in messages ({@code "Redis"}: "unknown Redis setting 'x'")
     * @param declared the settings that part accepts
     * @return the well-formed values, to read with {@link ProviderSettings}' typed getters, and the
     *     problems with the others (never a secret's value)
     */
    public Checked check(String component, List<Setting> declared) {
        // Not a provider: ProviderInfo only carries the declarations here, its documentation is never shown.
        ProviderInfo.Builder builder = ProviderInfo.builder(component)
                .documentation("urn:apiauth:settings:" + component.toLowerCase(Locale.ROOT).replace(' ', '-'));
        declared.forEach(builder::setting);
        ProviderInfo info = builder.build();
        List<String> problems = new ArrayList<>();
        addUnknown(info, problems, component + " setting '", "'");
        ProviderSettings accepted = wellFormed(info, problems, new HashSet<>(), null);
        return new Checked(accepted, List.copyOf(problems));
    }

    /**
     * What {@link #check} found.
     *
     * @param accepted the well-formed values
     * @param problems what is wrong with the others, empty when nothing is
     */
    public record Checked(ProviderSettings accepted, List<String> problems) {
    }

    /**
     * The given values that {@code info} declares and that pass their setting's check; adds the
     * others' problems, in declaration order, and, unless {@code providerId} is {@code null}, one
     * for each required setting not given, naming the provider's environment variable for it.
     */
    private ProviderSettings wellFormed(ProviderInfo info, List<String> problems, Set<String> refused,
            String providerId) {
        Map<String, String> accepted = new LinkedHashMap<>();
        for (Setting setting : info.settings()) {
            String value = values.get(setting.name());
            if (value == null) {
                if (providerId != null && setting.required()) {
                    problems.add("missing required setting '" + setting.name() + "' (" + setting.description()
                            + "); set it, e.g. with environment variable " + environmentVariable(providerId, setting.name()));
                }
                continue;
            }
            Optional<String> problem = SettingValues.check(setting, value);
            if (problem.isPresent()) {
                problems.add(problem.get());
                refused.add(setting.name());
            } else {
                accepted.put(setting.name(), value);
            }
        }
        return SettingValues.providerSettings(info, accepted);
    }

    /**
     * The provider's cross-setting rules, run on the well-formed settings so one error lists every
     * problem. When some settings were refused, a rule may trip over a value it expected; that is
     * not reported, since the refused setting already is.
     */
    private static List<String> crossChecks(AuthProvider provider, ProviderSettings settings, boolean incomplete) {
        try {
            return provider.validate(settings);
        } catch (RuntimeException e) {
            if (incomplete) {
                return List.of();
            }
            throw e;
        }
    }

    /** "unknown {@code what}; did you mean …? known settings: […]". */
    /** Adds a problem for each given name {@code info} does not declare, described as {@code prefix + name + suffix}. */
    private void addUnknown(ProviderInfo info, List<String> problems, String prefix, String suffix) {
        for (String name : values.keySet()) {
            if (info.setting(name).isEmpty()) {
                problems.add(unknown(prefix + name + suffix, info, name));
            }
        }
    }

    private static boolean mentionsAny(String problem, Set<String> names) {
        for (String name : names) {
            if (problem.contains("'" + name + "'")) {
                return true;
            }
        }
        return false;
    }

    private static String unknown(String what, ProviderInfo info, String name) {
        List<String> known = info.settings().stream().map(Setting::name).toList();
        String normalised = name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
        String hint = known.contains(normalised) ? "did you mean '" + normalised + "'? " : "";
        return "unknown " + what + "; " + hint + "known settings: " + known;
    }

    @Override
    public String toString() {
        return "Settings" + values.keySet();
    }
}
