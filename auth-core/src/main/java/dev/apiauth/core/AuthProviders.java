package dev.apiauth.core;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.AuthProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The providers found on the class path with {@link ServiceLoader}. Fails loudly on two providers
 * with one id, on an invalid id and on a provider built for a newer SPI.
 *
 * <pre>{@code
 * AuthProviders providers = AuthProviders.discover();
 * Credentials domo = providers.credentials("domo", Settings.fromEnvironment("domo"));
 * }</pre>
 */
@Api(status = Api.Status.STABLE)
public final class AuthProviders {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Map<String, AuthProvider> byId;

    private AuthProviders(Map<String, AuthProvider> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * Finds the providers visible to the thread's context class loader (or this class's loader
     * when there is none).
     *
     * @return the providers found; empty when no provider jar is on the class path
     * @throws AuthException when a provider cannot be loaded, has an invalid id, shares its id with
     *     another or needs a newer SPI; the message names the provider and what to do
     */
    public static AuthProviders discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : AuthProviders.class.getClassLoader());
    }

    /**
     * Finds the providers visible to {@code loader}, e.g. one holding a provider jar loaded at run
     * time.
     *
     * @param loader the class loader to search
     * @return the providers found; empty when there are none
     * @throws AuthException as {@link #discover()} does
     */
    public static AuthProviders discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        try {
            // A plain loop, not stream(): discovery runs in every application's start-up, and the stream
            // pipeline's classes are not in the JDK's class-data-sharing archive.
            List<AuthProvider> found = new ArrayList<>();
            for (AuthProvider provider : ServiceLoader.load(AuthProvider.class, loader)) {
                found.add(provider);
            }
            return of(found);
        } catch (ServiceConfigurationError e) {
            throw new AuthException(null, "a provider on the class path could not be loaded (" + e.getMessage()
                    + "); check that its jar matches this apiauth version", e);
        }
    }

    /**
     * Makes a registry of the given providers, checked the same way as discovered ones; for tests
     * and for applications that build their providers themselves.
     *
     * @param providers the providers, in any order
     * @return a registry of exactly these providers
     * @throws AuthException when a provider has an invalid id, shares its id with another or needs
     *     a newer SPI
     */
    public static AuthProviders of(Collection<? extends AuthProvider> providers) {
        Map<String, AuthProvider> byId = new TreeMap<>();
        for (AuthProvider provider : providers) {
            String id = provider.id();
            if (id == null || !ID.matcher(id).matches()) {
                throw new AuthException(null, "provider " + provider.getClass().getName() + " has the invalid id '" + id
                        + "'; an id is lower-case letters, digits and dashes, starting with a letter");
            }
            checkSpiVersion(provider);
            AuthProvider previous = byId.putIfAbsent(id, provider);
            if (previous != null) {
                throw new AuthException(id, "two providers claim the id '" + id + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one of the jars from the class path");
            }
        }
        return new AuthProviders(new LinkedHashMap<>(byId));
    }

    private static void checkSpiVersion(AuthProvider provider) {
        int requested = provider.requestedSpiVersion();
        if (requested > AuthProvider.SPI_VERSION || requested < 1) {
            throw new AuthException(provider.id(), "provider " + provider.getClass().getName()
                    + " was built for apiauth SPI version " + requested + ", but this apiauth has SPI version "
                    + AuthProvider.SPI_VERSION + "; upgrade apiauth (auth-spi and auth-core) to use it");
        }
    }

    /**
     * Looks a provider up by id.
     *
     * @param id the provider id, e.g. {@code "domo"}
     * @return the provider with that id
     * @throws UnknownProviderException when there is none; its message lists the ids that exist
     */
    public AuthProvider get(String id) {
        AuthProvider provider = byId.get(id);
        if (provider == null) {
            throw new UnknownProviderException(id, byId.keySet());
        }
        return provider;
    }

    /**
     * Looks a provider up by id, for callers that handle a missing one themselves.
     *
     * @param id the provider id
     * @return the provider, or empty when none has that id
     */
    public Optional<AuthProvider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** {@return every provider, unmodifiable, by id in alphabetical order} */
    public Collection<AuthProvider> all() {
        return byId.values();
    }

    /** {@return every provider id, unmodifiable, in alphabetical order} */
    public java.util.Set<String> ids() {
        return byId.keySet();
    }

    /**
     * Creates credentials for one account of provider {@code id} with the engine's defaults; use
     * {@link Credentials#builder(AuthProvider)} with {@link #get(String)} to change them. Close the
     * result when the account is no longer used.
     *
     * @param id the provider id
     * @param settings the account's settings, validated here
     * @return the account's credentials; no token is fetched until first use
     * @throws UnknownProviderException when no provider has that id
     * @throws dev.apiauth.spi.InvalidSettingsException listing every problem with {@code settings}
     */
    public Credentials credentials(String id, Settings settings) {
        return Credentials.builder(get(id)).settings(settings).build();
    }

    @Override
    public String toString() {
        return "AuthProviders" + byId.keySet();
    }
}
