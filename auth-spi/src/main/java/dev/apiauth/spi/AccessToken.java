package dev.apiauth.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token a vendor issued: its value, type, expiry when known, scopes and vendor attributes (for
 * example Domo's {@code customer} or Dotypos' cloud id). Prints redacted.
 */
@Api(status = Api.Status.STABLE)
public final class AccessToken {
    private final String value;
    private final String type;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final Set<String> scopes;
    private final Map<String, Object> attributes;

    private AccessToken(Builder builder) {
        this.value = builder.value;
        this.type = builder.type;
        this.issuedAt = builder.issuedAt;
        this.expiresAt = builder.expiresAt;
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.scopes));
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
    }

    /**
     * Starts a token with its value and the time it was received.
     *
     * @param value the raw token value; not blank
     * @param issuedAt when the token was received, from the context's clock
     * @return a builder for the token
     */
    public static Builder builder(String value, Instant issuedAt) {
        return new Builder(value, issuedAt);
    }

    /** {@return the raw token value, to be put on requests} Never log it. */
    public String value() {
        return value;
    }

    /** {@return the token type as the engine puts it on requests, normalised ({@code Bearer})} */
    public String type() {
        return type;
    }

    /** {@return when the token was received} */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** {@return when the token expires, or empty when the vendor does not say} */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** {@return the lifetime the vendor granted, or empty when unknown} */
    public Optional<Duration> lifetime() {
        return expiresAt == null ? Optional.empty() : Optional.of(Duration.between(issuedAt, expiresAt));
    }

    /** {@return the scopes the token was granted, empty when the vendor does not say} */
    public Set<String> scopes() {
        return scopes;
    }

    /** {@return the vendor attributes kept from the token response (never secrets)} */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * One attribute, if present.
     *
     * @param name the attribute's name
     * @return its value, or empty
     */
    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    @Override
    public String toString() {
        return "AccessToken[type=" + type + ", value=REDACTED, issuedAt=" + issuedAt
                + ", expiresAt=" + (expiresAt == null ? "unknown" : expiresAt)
                + ", scopes=" + scopes + ", attributes=" + attributes.keySet() + "]";
    }

    /** Builds an {@link AccessToken}. */
    public static final class Builder {
        private final String value;
        private final Instant issuedAt;
        private String type = "Bearer";
        private Instant expiresAt;
        private final Set<String> scopes = new LinkedHashSet<>();
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder(String value, Instant issuedAt) {
            Objects.requireNonNull(value, "token value");
            if (value.isBlank()) {
                throw new IllegalArgumentException("a token value must not be blank");
            }
            this.value = value;
            this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        }

        /**
         * The token type; {@code bearer} in any case becomes {@code Bearer}.
         *
         * @param type the type the vendor named
         * @return this builder
         */
        public Builder type(String type) {
            Objects.requireNonNull(type, "type");
            this.type = type.equalsIgnoreCase("bearer") ? "Bearer" : type;
            return this;
        }

        /**
         * The expiry instant; must not be before {@code issuedAt}.
         *
         * @param expiresAt when the token expires
         * @return this builder
         * @throws IllegalArgumentException if it is before {@code issuedAt}
         */
        public Builder expiresAt(Instant expiresAt) {
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (expiresAt.isBefore(issuedAt)) {
                throw new IllegalArgumentException("expiresAt " + expiresAt + " is before issuedAt " + issuedAt);
            }
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * The expiry as a lifetime from {@code issuedAt}; must not be negative.
         *
         * @param lifetime how long the token is valid
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder expiresIn(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative()) {
                throw new IllegalArgumentException("lifetime must not be negative: " + lifetime);
            }
            return expiresAt(issuedAt.plus(lifetime));
        }

        /**
         * Adds granted scopes.
         *
         * @param granted the scopes the vendor granted
         * @return this builder
         */
        public Builder scopes(Iterable<String> granted) {
            for (String scope : granted) {
                scopes.add(Objects.requireNonNull(scope, "scope"));
            }
            return this;
        }

        /**
         * Keeps a vendor attribute; {@code null} values are ignored. Never pass a secret.
         *
         * @param name the attribute's name
         * @param value its value, or {@code null}
         * @return this builder
         */
        public Builder attribute(String name, Object value) {
            Objects.requireNonNull(name, "attribute name");
            if (value != null) {
                attributes.put(name, value);
            }
            return this;
        }

        /** {@return the token} */
        public AccessToken build() {
            return new AccessToken(this);
        }
    }
}
