package dev.apiauth.spi.internal;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's work on setting values: checking one against its {@link Setting}, parsing durations
 * and lists, and wrapping validated values as {@link ProviderSettings}. Providers read values
 * through {@code ProviderSettings}' typed accessors instead.
 */
@Api(status = Api.Status.INTERNAL)
public final class SettingValues {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    /** Set once, by {@link ProviderSettings}' class initialiser: its constructor is not public API. */
    private static volatile BiFunction<ProviderInfo, Map<String, String>, ProviderSettings> settingsFactory;

    private SettingValues() {
    }

    /**
     * Checks a value against a setting's kind.
     *
     * @param setting the setting the value is for
     * @param value the value as given, may be {@code null}
     * @return a problem sentence naming the setting (never the value of a secret), or empty when valid
     */
    public static Optional<String> check(Setting setting, String value) {
        Setting.Kind kind = setting.kind();
        String name = setting.name();
        if (value != null && value.isBlank() && kind == Setting.Kind.CHOICE_LIST) {
            return Optional.empty(); // an empty list is a valid choice: "none of them"
        }
        if (value == null || value.isBlank()) {
            return Optional.of("setting '" + name + "' is empty; " + hint(setting));
        }
        String trimmed = value.strip();
        String shown = setting.secret() ? "the given value" : "'" + trimmed + "'";
        List<String> choices = setting.choices();
        switch (kind) {
            case TEXT:
                return Optional.empty();
            case URL:
                return checkUrl(setting, trimmed, shown);
            case INTEGER:
                try {
                    Long.parseLong(trimmed);
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of("setting '" + name + "': " + shown + " is not a whole number");
                }
            case DURATION:
                return parseDuration(trimmed).isPresent()
                        ? Optional.empty()
                        : Optional.of("setting '" + name + "': " + shown + " is not a duration; " + hint(setting));
            case FLAG:
                return trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")
                        ? Optional.empty()
                        : Optional.of("setting '" + name + "': " + shown + " is not true or false");
            case CHOICE:
                return choices.contains(trimmed)
                        ? Optional.empty()
                        : Optional.of("setting '" + name + "': " + shown + " is not one of " + choices);
            case CHOICE_LIST:
                List<String> unknown = new ArrayList<>();
                for (String item : splitList(trimmed)) {
                    if (!choices.contains(item)) {
                        unknown.add(item);
                    }
                }
                return unknown.isEmpty()
                        ? Optional.empty()
                        : Optional.of("setting '" + name + "': " + (setting.secret() ? "some values" : unknown.toString())
                                + " not among the allowed values " + choices);
            default:
                throw new AssertionError(kind);
        }
    }

    private static Optional<String> checkUrl(Setting setting, String value, String shown) {
        String name = setting.name();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("setting '" + name + "': " + shown + " is not a URL; " + hint(setting));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("setting '" + name + "': " + shown + " is not an absolute http(s) URL; " + hint(setting));
        }
        if (uri.getPort() > 65535) {
            return Optional.of("setting '" + name + "': " + shown + " has port " + uri.getPort()
                    + ", above the highest port 65535; " + hint(setting));
        }
        if (scheme.equals("http") && !Loopback.isLoopbackHost(uri.getHost())) {
            return Optional.of("setting '" + name + "': " + shown
                    + " uses plain http to a non-loopback host; use https (http is allowed only for localhost)");
        }
        return Optional.empty();
    }

    private static String hint(Setting setting) {
        switch (setting.kind()) {
            case URL:
                return "expected an https URL such as https://api.example.com/token";
            case DURATION:
                return "expected e.g. 30s, 5m, 1h, 500ms or PT5M";
            case CHOICE:
            case CHOICE_LIST:
                return "expected " + (setting.kind() == Setting.Kind.CHOICE ? "one of " : "any of ") + setting.choices();
            default:
                return "expected: " + setting.description();
        }
    }

    /**
     * Parses the duration forms {@link Setting.Kind#DURATION} accepts.
     *
     * @param text the value
     * @return the duration, or empty when the text is not one (or is negative)
     */
    public static Optional<Duration> parseDuration(String text) {
        String trimmed = text.strip();
        Matcher simple = SIMPLE_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                String unit = simple.group(2) == null ? "s" : simple.group(2);
                switch (unit) {
                    case "ms": return Optional.of(Duration.ofMillis(amount));
                    case "s": return Optional.of(Duration.ofSeconds(amount));
                    case "m": return Optional.of(Duration.ofMinutes(amount));
                    case "h": return Optional.of(Duration.ofHours(amount));
                    default: return Optional.of(Duration.ofDays(amount));
                }
            }
            Duration parsed = Duration.parse(trimmed);
            return parsed.isNegative() ? Optional.empty() : Optional.of(parsed);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Splits a list value on white space (as regex {@code \s}) and commas.
     *
     * @param value the value
     * @return its non-empty items in order, unmodifiable
     */
    public static List<String> splitList(String value) {
        // By hand, not String.split: every setting is validated on the first token's path, and a
        // regular expression costs a compile and its classes there.
        List<String> items = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= value.length(); i++) {
            boolean separator = i == value.length() || isListSeparator(value.charAt(i));
            if (!separator && start < 0) {
                start = i;
            } else if (separator && start >= 0) {
                items.add(value.substring(start, i));
                start = -1;
            }
        }
        return Collections.unmodifiableList(items);
    }

    private static boolean isListSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * Wraps values the engine has checked against {@code info}'s settings (with {@link #check}).
     *
     * @param info the provider the values belong to
     * @param values the given values by setting name; each must be a declared setting
     * @return the settings handed to the provider
     * @throws IllegalArgumentException if a name is not a declared setting
     */
    public static ProviderSettings providerSettings(ProviderInfo info, Map<String, String> values) {
        if (settingsFactory == null) {
            try {
                MethodHandles.lookup().ensureInitialized(ProviderSettings.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return settingsFactory.apply(info, values);
    }

    /**
     * Called once by {@link ProviderSettings}; a second call fails, so nothing replaces the factory.
     *
     * @param factory the constructor of {@code ProviderSettings}
     */
    public static synchronized void settingsFactory(
            BiFunction<ProviderInfo, Map<String, String>, ProviderSettings> factory) {
        if (settingsFactory != null) {
            throw new IllegalStateException("the ProviderSettings factory is already set");
        }
        settingsFactory = Objects.requireNonNull(factory, "factory");
    }
}
