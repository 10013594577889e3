package dev.apiauth.tck;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dummy account's refresh token and how it reaches the provider, for fixtures that declare
 * {@link dev.apiauth.spi.Capability#REFRESH_TOKENS}. Rules R13.x check that the provider keeps the
 * refresh token in the engine's {@link dev.apiauth.spi.SecretStore} so it survives a restart.
 *
 * <pre>{@code
 * RefreshTokenFixture.builder("tck-refresh-5d1c0b7e")
 *         .storedSecrets(Map.of("refresh-token", "tck-refresh-5d1c0b7e"))   // as the consent step saved it
 *         .build();
 * }</pre>
 */
public final class RefreshTokenFixture {
    private final String refreshToken;
    private final Map<String, String> storedSecrets;
    private final boolean rotates;
    private final Function<URI, Map<String, String>> settingsAfterRestart;

    private RefreshTokenFixture(Builder builder) {
        this.refreshToken = builder.refreshToken;
        this.storedSecrets = Map.copyOf(builder.storedSecrets);
        this.rotates = builder.rotates;
        this.settingsAfterRestart = builder.settingsAfterRestart;
    }

    /** Starts a fixture for an account whose current refresh token is {@code refreshToken}. */
    public static Builder builder(String refreshToken) {
        return new Builder(refreshToken);
    }

    /** The account's refresh token before the first token request. */
    public String refreshToken() {
        return refreshToken;
    }

    /**
     * Secrets to put in the engine's store before the first engine starts, keyed as the provider
     * reads them from {@link dev.apiauth.spi.ProviderContext#secretStore()} (e.g. what a consent
     * step saved).
     */
    public Map<String, String> storedSecrets() {
        return storedSecrets;
    }

    /** Whether the vendor issues a new refresh token with every access token. */
    public boolean rotates() {
        return rotates;
    }

    /** The settings the restarted engine gets, if they differ from the first engine's. */
    public Optional<Map<String, String>> settingsAfterRestart(URI baseUrl) {
        return settingsAfterRestart == null ? Optional.empty() : Optional.of(settingsAfterRestart.apply(baseUrl));
    }

    @Override
    public String toString() {
        return "RefreshTokenFixture[stored=" + storedSecrets.keySet() + ", rotates=" + rotates + "]";
    }

    /** Builds a {@link RefreshTokenFixture}. */
    public static final class Builder {
        private final String refreshToken;
        private final Map<String, String> storedSecrets = new LinkedHashMap<>();
        private boolean rotates;
        private Function<URI, Map<String, String>> settingsAfterRestart;

        private Builder(String refreshToken) {
            this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
        }

        /** See {@link RefreshTokenFixture#storedSecrets()}. */
        public Builder storedSecrets(Map<String, String> secrets) {
            storedSecrets.putAll(Objects.requireNonNull(secrets, "secrets"));
            return this;
        }

        /**
         * The vendor rotates refresh tokens: the TCK then hands a new one to the success answer in
         * {@link IssuedToken#refreshToken()} and expects the provider to store it.
         */
        public Builder rotates(boolean value) {
            this.rotates = value;
            return this;
        }

        /**
         * Settings for the engine started after the restart, e.g. without a refresh-token setting so
         * the provider must use what it stored. By default the first engine's settings.
         */
        public Builder settingsAfterRestart(Function<URI, Map<String, String>> settings) {
            this.settingsAfterRestart = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** @throws TckConfigurationException when the refresh token is blank */
        public RefreshTokenFixture build() {
            List<String> problems = new ArrayList<>();
            if (refreshToken.isBlank()) {
                problems.add("the refresh token fixture needs the account's refresh token");
            }
            storedSecrets.forEach((key, value) -> {
                if (key == null || key.isBlank() || value == null || value.isBlank()) {
                    problems.add("storedSecrets(...) has an empty key or value");
                }
            });
            if (!problems.isEmpty()) {
                throw new TckConfigurationException(problems);
            }
            return new RefreshTokenFixture(this);
        }
    }
}
