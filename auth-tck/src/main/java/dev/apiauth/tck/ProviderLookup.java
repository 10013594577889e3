package dev.apiauth.tck;

import dev.apiauth.spi.AuthProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds providers with {@link ServiceLoader} the way the engine does, but tolerantly: one broken
 * entry on the class path must not hide the provider under test, so failures are collected.
 */
final class ProviderLookup {
    final List<AuthProvider> found = new ArrayList<>();
    final List<String> loadFailures = new ArrayList<>();

    private ProviderLookup() {
    }

    static ProviderLookup scan(ClassLoader loader) {
        ProviderLookup lookup = new ProviderLookup();
        Iterator<AuthProvider> providers = ServiceLoader.load(AuthProvider.class, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                lookup.found.add(providers.next());
            } catch (ServiceConfigurationError e) {
                lookup.loadFailures.add(e.getMessage());
            }
        }
        return lookup;
    }

    /** The providers whose {@code id()} is {@code id}. */
    List<AuthProvider> withId(String id) {
        List<AuthProvider> matching = new ArrayList<>();
        for (AuthProvider provider : found) {
            String providerId;
            try {
                providerId = provider.id();
            } catch (RuntimeException e) {
                continue;
            }
            if (id.equals(providerId)) {
                matching.add(provider);
            }
        }
        return matching;
    }

    /** The providers whose id equals {@code id} only when case is ignored ({@code Acme} for {@code acme}). */
    List<AuthProvider> withIdInOtherCase(String id) {
        List<AuthProvider> matching = new ArrayList<>();
        for (AuthProvider provider : found) {
            try {
                String providerId = provider.id();
                if (!id.equals(providerId) && id.equalsIgnoreCase(providerId)) {
                    matching.add(provider);
                }
            } catch (RuntimeException e) {
                // a provider whose id() fails cannot be the one meant
            }
        }
        return matching;
    }

    static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ProviderLookup.class.getClassLoader();
    }
}
