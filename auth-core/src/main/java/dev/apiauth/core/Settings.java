package dev.apiauth.core;

import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
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
import java.util.function.Function;

/**
 * A user's raw settings for one provider account, from a {@code Map}, {@code Properties} or
 * environment variables, not yet validated. {@link #validate(AuthProvider)} checks them against the
 * provider's declared settings and reports every problem in one {@link InvalidSettingsException}.
 * Prints setting names only, never values.
 */
public final class Settings {
    private static final String ENV_PREFIX = "APIAUTH_";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No settings. */
    public static Settings empty() {
        return new Settings(new LinkedHashMap<>());
    }

    /** Settings named as the provider declares them ({@code client-id}). */
    public static Settings of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "setting name"),
                Objects.requireNonNull(value, () -> "value of setting '" + name + "'")));
        return new Settings(copy);
    }

    /** Every property, keys as setting names. */
    public static Settings fromProperties(Properties properties) {
        return fromProperties(properties, "");
    }

    /**
     * The properties whose keys start with {@code prefix} (e.g. {@code "apiauth.domo."}), the prefix
     * removed.
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

    /** Environment variables {@code APIAUTH_<PROVIDER>_<SETTING>} of this process. */
    public static Settings fromEnvironment(String providerId) {
        return fromEnvironment(providerId, System.getenv());
    }

    /**
     * Variables {@code APIAUTH_<PROVIDER>_<SETTING>} of {@code environment}: provider {@code doo},
     * setting {@code client-id} is {@code APIAUTH_DOO_CLIENT_ID}.
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

    /** The environment variable that carries {@code setting} of {@code providerId}. */
    public static String environmentVariable(String providerId, String setting) {
        return environmentPrefix(providerId) + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String environmentPrefix(String providerId) {
        return ENV_PREFIX + providerId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    }

    /** These settings with one more value (replacing a previous one). */
    public Settings with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
        return new Settings(copy);
    }

    /** These settings with every value of {@code overrides} on top. */
    public Settings overriddenBy(Settings overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides.values);
        return new Settings(copy);
    }

    /** The raw values. Secrets included: do not print them. */
    public Map<String, String> values() {
        return values;
    }

    /**
     * Checks these settings against {@code provider}'s declarations: unknown names, missing required
     * settings, malformed values, then the provider's own cross-setting rules.
     *
     * @throws InvalidSettingsException listing every problem, never a secret's value
     */
    public ProviderSettings validate(AuthProvider provider) {
        ProviderInfo info = provider.info();
        String id = provider.id();
        List<String> problems = new ArrayList<>();
        Set<String> refused = new HashSet<>();
        values.keySet().stream().filter(name -> info.setting(name).isEmpty())
                .forEach(name -> problems.add(unknown("setting '" + name + "' for provider '" + id + "'", info, name)));
        ProviderSettings settings = wellFormed(info, problems, refused, setting -> "missing required setting '"
                + setting.name() + "' (" + setting.description() + "); set it, e.g. with environment variable "
                + environmentVariable(id, setting.name()));
        // A rule about a setting already refused (e.g. "mode password needs 'password'" after
        // "'password' is empty") would say the same thing twice.
        crossChecks(provider, settings, !problems.isEmpty()).stream()
                .filter(problem -> refused.stream().noneMatch(name -> problem.contains("'" + name + "'")))
                .forEach(problems::add);
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
        values.keySet().stream().filter(name -> info.setting(name).isEmpty())
                .forEach(name -> problems.add(unknown(component + " setting '" + name + "'", info, name)));
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
     * others' problems, in declaration order, and, unless {@code missing} is {@code null}, its
     * message for each required setting not given.
     */
    private ProviderSettings wellFormed(ProviderInfo info, List<String> problems, Set<String> refused,
            Function<Setting, String> missing) {
        Map<String, String> accepted = new LinkedHashMap<>();
        for (Setting setting : info.settings()) {
            String value = values.get(setting.name());
            if (value == null) {
                if (missing != null && setting.required()) {
                    problems.add(missing.apply(setting));
                }
                continue;
            }
            Optional<String> problem = setting.check(value);
            if (problem.isPresent()) {
                problems.add(problem.get());
                refused.add(setting.name());
            } else {
                accepted.put(setting.name(), value);
            }
        }
        return new ProviderSettings(info, accepted);
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
