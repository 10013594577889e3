package dev.apiauth.core;

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
public final class AuthProviders {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Map<String, AuthProvider> byId;

    private AuthProviders(Map<String, AuthProvider> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Providers visible to the thread's context class loader (or this class's loader). */
    public static AuthProviders discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : AuthProviders.class.getClassLoader());
    }

    /** Providers visible to {@code loader}, e.g. one holding a provider jar loaded at run time. */
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

    /** A registry of the given providers, checked the same way as discovered ones. */
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

    /** The provider with that id. */
    public AuthProvider get(String id) {
        AuthProvider provider = byId.get(id);
        if (provider == null) {
            throw new UnknownProviderException(id, byId.keySet());
        }
        return provider;
    }

    public Optional<AuthProvider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every provider, by id in alphabetical order. */
    public Collection<AuthProvider> all() {
        return byId.values();
    }

    /** Every id, in alphabetical order. */
    public java.util.Set<String> ids() {
        return byId.keySet();
    }

    /** Credentials for one account of provider {@code id}, with the engine's defaults. */
    public Credentials credentials(String id, Settings settings) {
        return Credentials.builder(get(id)).settings(settings).build();
    }

    @Override
    public String toString() {
        return "AuthProviders" + byId.keySet();
    }
}
