package dev.apiauth.spi;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider declares about itself: display name, documentation, settings, capabilities, the
 * vendor's rate limits and which API statuses mean "token expired".
 */
@Api(status = Api.Status.STABLE)
public final class ProviderInfo {
    private final String displayName;
    private final URI documentation;
    private final List<Setting> settings;
    private final Set<Capability> capabilities;
    private final List<RateLimit> rateLimits;
    private final Set<Integer> tokenRejectedStatuses;

    private ProviderInfo(Builder builder) {
        this.displayName = builder.displayName;
        this.documentation = Objects.requireNonNull(builder.documentation,
                "provider '" + builder.displayName + "' must declare its documentation URI");
        this.settings = List.copyOf(builder.settings);
        this.capabilities = Collections.unmodifiableSet(builder.capabilities.isEmpty()
                ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(builder.capabilities));
        this.rateLimits = List.copyOf(builder.rateLimits);
        this.tokenRejectedStatuses = Collections.unmodifiableSet(new LinkedHashSet<>(builder.tokenRejectedStatuses));
        Set<String> names = new LinkedHashSet<>();
        for (Setting setting : settings) {
            if (!names.add(setting.name())) {
                throw new IllegalArgumentException("setting '" + setting.name() + "' is declared twice");
            }
        }
    }

    /**
     * Starts the info of a provider.
     *
     * @param displayName the vendor's name as users know it, e.g. {@code Dotypos}; not blank
     * @return a builder for the info
     */
    public static Builder builder(String displayName) {
        return new Builder(displayName);
    }

    /** {@return the vendor's name as users know it} */
    public String displayName() {
        return displayName;
    }

    /** {@return the vendor's authentication documentation} */
    public URI documentation() {
        return documentation;
    }

    /** {@return every setting the provider takes, in the order users should read them} */
    public List<Setting> settings() {
        return settings;
    }

    /**
     * The declared setting of that name.
     *
     * @param name the setting's name
     * @return the setting, or empty when the provider declares none of that name
     */
    public Optional<Setting> setting(String name) {
        for (Setting setting : settings) {
            if (setting.name().equals(name)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** {@return what the provider can do beyond fetching a token} */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * Whether the provider declares a capability.
     *
     * @param capability the capability
     * @return whether it is declared
     */
    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /**
     * {@return the vendor's documented default request budgets, for display}
     * The budgets the engine applies come from {@link TokenSource#rateLimits()}, which may follow the
     * user's settings.
     */
    public List<RateLimit> rateLimits() {
        return rateLimits;
    }

    /** {@return the API response statuses that mean "the token is no longer accepted" (always includes 401)} */
    public Set<Integer> tokenRejectedStatuses() {
        return tokenRejectedStatuses;
    }

    @Override
    public String toString() {
        return "ProviderInfo[" + displayName + ", settings=" + settings.stream().map(Setting::name).toList()
                + ", capabilities=" + capabilities + "]";
    }

    /** Builds a {@link ProviderInfo}. */
    public static final class Builder {
        private final String displayName;
        private URI documentation;
        private final List<Setting> settings = new ArrayList<>();
        private final Set<Capability> capabilities = new LinkedHashSet<>();
        private final List<RateLimit> rateLimits = new ArrayList<>();
        private final Set<Integer> tokenRejectedStatuses = new LinkedHashSet<>(List.of(401));

        private Builder(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            if (displayName.isBlank()) {
                throw new IllegalArgumentException("displayName must not be blank");
            }
        }

        /**
         * The vendor's authentication documentation; required.
         *
         * @param uri the page
         * @return this builder
         */
        public Builder documentation(URI uri) {
            this.documentation = Objects.requireNonNull(uri, "documentation");
            return this;
        }

        /**
         * The vendor's authentication documentation; required.
         *
         * @param uri the page's URL
         * @return this builder
         */
        public Builder documentation(String uri) {
            return documentation(URI.create(uri));
        }

        /**
         * Adds a setting; names must be unique.
         *
         * @param setting the setting
         * @return this builder
         */
        public Builder setting(Setting setting) {
            settings.add(Objects.requireNonNull(setting, "setting"));
            return this;
        }

        /**
         * Adds a setting; names must be unique.
         *
         * @param setting the setting's builder, built here
         * @return this builder
         */
        public Builder setting(Setting.Builder setting) {
            return setting(setting.build());
        }

        /**
         * Declares capabilities.
         *
         * @param declared what the provider can do beyond fetching a token
         * @return this builder
         */
        public Builder capabilities(Capability... declared) {
            capabilities.addAll(List.of(declared));
            return this;
        }

        /**
         * A documented vendor budget (see {@link ProviderInfo#rateLimits()}).
         *
         * @param limit the budget
         * @return this builder
         */
        public Builder rateLimit(RateLimit limit) {
            rateLimits.add(Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /**
         * Another API status that means "token expired" (Dotypos: 403).
         *
         * @param status a 4xx status
         * @return this builder
         * @throws IllegalArgumentException if the status is not a 4xx
         */
        public Builder tokenRejectedStatus(int status) {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("a token-rejected status must be a 4xx: " + status);
            }
            tokenRejectedStatuses.add(status);
            return this;
        }

        /**
         * {@return the info}
         *
         * @throws IllegalArgumentException if a setting name is declared twice
         */
        public ProviderInfo build() {
            return new ProviderInfo(this);
        }
    }
}
