package dev.apiauth.spi;

import dev.apiauth.spi.internal.SettingValues;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
            Optional<String> problem = SettingValues.check(this, defaultValue);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("default of setting '" + name + "' is invalid: " + problem.get());
            }
        }
    }

    /**
     * A plain text setting.
     *
     * @param name the setting's name, lower-case kebab-case ({@code client-id})
     * @param description what the setting means, shown in errors and {@code authctl describe}
     * @return a builder for the setting
     */
    public static Builder text(String name, String description) {
        return new Builder(name, description, Kind.TEXT);
    }

    /**
     * A text setting whose value is a secret: never printed, echoed or logged.
     *
     * @param name the setting's name, lower-case kebab-case ({@code client-id})
     * @param description what the setting means, shown in errors and {@code authctl describe}
     * @return a builder for the setting
     */
    public static Builder secret(String name, String description) {
        return new Builder(name, description, Kind.TEXT).secret();
    }

    /**
     * An endpoint URL: {@code https}, or {@code http} to a loopback host.
     *
     * @param name the setting's name, lower-case kebab-case ({@code client-id})
     * @param description what the setting means, shown in errors and {@code authctl describe}
     * @return a builder for the setting
     */
    public static Builder url(String name, String description) {
        return new Builder(name, description, Kind.URL);
    }

    /**
     * A whole number.
     *
     * @param name the setting's name, lower-case kebab-case ({@code client-id})
     * @param description what the setting means, shown in errors and {@code authctl describe}
     * @return a builder for the setting
     */
    public static Builder integer(String name, String description) {
        return new Builder(name, description, Kind.INTEGER);
    }

    /**
     * A duration (see {@link Kind#DURATION} for the forms accepted).
     *
     * @param name the setting's name, lower-case kebab-case ({@code client-id})
     * @param description what the setting means, shown in errors and {@code authctl describe}
     * @return a builder for the setting
     */
    public static Builder duration(String name, String description) {
        return new Builder(name, description, Kind.DURATION);
    }

    /**
     * A boolean switch.
     *
     * @param name the setting's name, lower-case kebab-case ({@code client-id})
     * @param description what the setting means, shown in errors and {@code authctl describe}
     * @return a builder for the setting
     */
    public static Builder flag(String name, String description) {
        return new Builder(name, description, Kind.FLAG);
    }

    /**
     * One value out of a fixed list.
     *
     * @param name the setting's name, lower-case kebab-case ({@code client-id})
     * @param description what the setting means, shown in errors and {@code authctl describe}
     * @param choices the valid values; not empty
     * @return a builder for the setting
     */
    public static Builder choice(String name, String description, List<String> choices) {
        return new Builder(name, description, Kind.CHOICE).choices(choices);
    }

    /**
     * Any number of values out of a fixed list, space or comma separated.
     *
     * @param name the setting's name, lower-case kebab-case ({@code client-id})
     * @param description what the setting means, shown in errors and {@code authctl describe}
     * @param choices the valid values; not empty
     * @return a builder for the setting
     */
    public static Builder choiceList(String name, String description, List<String> choices) {
        return new Builder(name, description, Kind.CHOICE_LIST).choices(choices);
    }

    /** {@return the setting's name, lower-case kebab-case} */
    public String name() {
        return name;
    }

    /** {@return what the setting means} */
    public String description() {
        return description;
    }

    /** {@return the shape of a valid value} */
    public Kind kind() {
        return kind;
    }

    /** {@return whether the user must give a value (a default does not count)} */
    public boolean required() {
        return required;
    }

    /** {@return whether the value is a secret: then it is never echoed, printed or logged} */
    public boolean secret() {
        return secret;
    }

    /** {@return the value used when the user gives none, if any} */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** {@return the valid values of a choice setting; empty otherwise} */
    public List<String> choices() {
        return choices;
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

        /**
         * The setting must be given (a default does not count).
         *
         * @return this builder
         */
        public Builder required() {
            this.required = true;
            return this;
        }

        /**
         * The value is a secret: never printed, echoed or logged.
         *
         * @return this builder
         */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        /**
         * Used when the user gives no value; checked like a given value when the setting is built.
         *
         * @param value the default
         * @return this builder
         */
        public Builder defaultValue(String value) {
            this.defaultValue = Objects.requireNonNull(value, "default value");
            return this;
        }

        private Builder choices(List<String> allowed) {
            this.choices = List.copyOf(allowed);
            return this;
        }

        /**
         * {@return the setting}
         *
         * @throws IllegalArgumentException if the default is not a valid value
         */
        public Setting build() {
            return new Setting(this);
        }
    }
}
