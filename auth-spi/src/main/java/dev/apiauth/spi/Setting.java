package dev.apiauth.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting a provider takes: its name, what it means, whether it is required or secret, its
 * default and the shape of a valid value. Names are lower-case kebab-case ({@code client-id}); the
 * environment variable for setting {@code client-id} of provider {@code doo} is
 * {@code APIAUTH_DOO_CLIENT_ID}.
 */
@Api(status = Api.Status.STABLE)
public final class Setting {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    /** The shape of a valid value. */
    public enum Kind {
        /** Any non-blank text. */
        TEXT,
        /** An absolute {@code https} URL; {@code http} only for loopback hosts. */
        URL,
        /** A whole number. */
        INTEGER,
        /** A duration: ISO-8601 ({@code PT5M}), {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, or seconds. */
        DURATION,
        /** {@code true} or {@code false}. */
        FLAG,
        /** One of {@link #choices()}. */
        CHOICE,
        /** Zero or more of {@link #choices()}, separated by spaces or commas. */
        CHOICE_LIST
    }

    private final String name;
    private final String description;
    private final Kind kind;
    private final boolean required;
    private final boolean secret;
    private final String defaultValue;
    private final List<String> choices;

    private Setting(Builder builder) {
        this.name = builder.name;
        this.description = builder.description;
        this.kind = builder.kind;
        this.required = builder.required;
        this.secret = builder.secret;
        this.defaultValue = builder.defaultValue;
        this.choices = List.copyOf(builder.choices);
        if ((kind == Kind.CHOICE || kind == Kind.CHOICE_LIST) && choices.isEmpty()) {
            throw new IllegalArgumentException("setting '" + name + "' is a choice but declares no choices");
        }
        if (defaultValue != null) {
            check(defaultValue).ifPresent(problem -> {
                throw new IllegalArgumentException("default of setting '" + name + "' is invalid: " + problem);
            });
        }
    }

    /** A plain text setting. */
    public static Builder text(String name, String description) {
        return new Builder(name, description, Kind.TEXT);
    }

    /** A text setting whose value is a secret: never printed, echoed or logged. */
    public static Builder secret(String name, String description) {
        return new Builder(name, description, Kind.TEXT).secret();
    }

    /** An endpoint URL. */
    public static Builder url(String name, String description) {
        return new Builder(name, description, Kind.URL);
    }

    /** A whole number. */
    public static Builder integer(String name, String description) {
        return new Builder(name, description, Kind.INTEGER);
    }

    /** A duration. */
    public static Builder duration(String name, String description) {
        return new Builder(name, description, Kind.DURATION);
    }

    /** A boolean switch. */
    public static Builder flag(String name, String description) {
        return new Builder(name, description, Kind.FLAG);
    }

    /** One value out of a fixed list. */
    public static Builder choice(String name, String description, List<String> choices) {
        return new Builder(name, description, Kind.CHOICE).choices(choices);
    }

    /** Any number of values out of a fixed list, space or comma separated. */
    public static Builder choiceList(String name, String description, List<String> choices) {
        return new Builder(name, description, Kind.CHOICE_LIST).choices(choices);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    public boolean required() {
        return required;
    }

    /** Whether the value is a secret: then it is never echoed, printed or logged. */
    public boolean secret() {
        return secret;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The valid values of a choice setting; empty otherwise. */
    public List<String> choices() {
        return choices;
    }

    /**
     * Checks a value against this setting's kind.
     *
     * @return a problem sentence naming this setting (never the value of a secret), or empty when valid
     */
    public Optional<String> check(String value) {
        if (value != null && value.isBlank() && kind == Kind.CHOICE_LIST) {
            return Optional.empty(); // an empty list is a valid choice: "none of them"
        }
        if (value == null || value.isBlank()) {
            return Optional.of("setting '" + name + "' is empty; " + hint());
        }
        String trimmed = value.strip();
        String shown = secret ? "the given value" : "'" + trimmed + "'";
        switch (kind) {
            case TEXT:
                return Optional.empty();
            case URL:
                return checkUrl(trimmed, shown);
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
                        : Optional.of("setting '" + name + "': " + shown + " is not a duration; " + hint());
            case FLAG:
                return trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")
                        ? Optional.empty()
                        : Optional.of("setting '" + name + "': " + shown + " is not true or false");
            case CHOICE:
                return choices.contains(trimmed)
                        ? Optional.empty()
                        : Optional.of("setting '" + name + "': " + shown + " is not one of " + choices);
            case CHOICE_LIST:
                List<String> unknown = splitList(trimmed).stream().filter(item -> !choices.contains(item)).toList();
                return unknown.isEmpty()
                        ? Optional.empty()
                        : Optional.of("setting '" + name + "': " + (secret ? "some values" : unknown.toString())
                                + " not among the allowed values " + choices);
            default:
                throw new AssertionError(kind);
        }
    }

    private Optional<String> checkUrl(String value, String shown) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("setting '" + name + "': " + shown + " is not a URL; " + hint());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("setting '" + name + "': " + shown + " is not an absolute http(s) URL; " + hint());
        }
        if (uri.getPort() > 65535) {
            return Optional.of("setting '" + name + "': " + shown + " has port " + uri.getPort()
                    + ", above the highest port 65535; " + hint());
        }
        if (scheme.equals("http") && !Loopback.isLoopbackHost(uri.getHost())) {
            return Optional.of("setting '" + name + "': " + shown
                    + " uses plain http to a non-loopback host; use https (http is allowed only for localhost)");
        }
        return Optional.empty();
    }

    private String hint() {
        switch (kind) {
            case URL:
                return "expected an https URL such as https://api.example.com/token";
            case DURATION:
                return "expected e.g. 30s, 5m, 1h, 500ms or PT5M";
            case CHOICE:
            case CHOICE_LIST:
                return "expected " + (kind == Kind.CHOICE ? "one of " : "any of ") + choices;
            default:
                return "expected: " + description;
        }
    }

    /** Parses the duration forms this class accepts. */
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

    /** Splits a list value on spaces and commas. */
    public static List<String> splitList(String value) {
        return java.util.Arrays.stream(value.strip().split("[\\s,]+")).filter(item -> !item.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "Setting[" + name + ", " + kind + (required ? ", required" : "") + (secret ? ", secret" : "")
                + (defaultValue == null ? "" : ", default=" + (secret ? "REDACTED" : defaultValue)) + "]";
    }

    /** Builds a {@link Setting}. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final Kind kind;
        private boolean required;
        private boolean secret;
        private String defaultValue;
        private List<String> choices = List.of();

        private Builder(String name, String description, Kind kind) {
            this.name = Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("setting name '" + name + "' is not lower-case kebab-case");
            }
            this.description = Objects.requireNonNull(description, "description");
            if (description.isBlank()) {
                throw new IllegalArgumentException("setting '" + name + "' needs a description");
            }
            this.kind = kind;
        }

        /** The setting must be given (a default does not count). */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** The value is a secret. */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        /** Used when the user gives no value. */
        public Builder defaultValue(String value) {
            this.defaultValue = Objects.requireNonNull(value, "default value");
            return this;
        }

        private Builder choices(List<String> allowed) {
            this.choices = List.copyOf(allowed);
            return this;
        }

        public Setting build() {
            return new Setting(this);
        }
    }
}
