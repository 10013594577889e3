package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.testproviders.AlphaImpostorProvider;
import dev.apiauth.core.testproviders.AlphaProvider;
import dev.apiauth.core.testproviders.BetaProvider;
import dev.apiauth.core.testproviders.FutureSpiProvider;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.TokenSource;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthProvidersTest {
    private static final String SERVICES = "META-INF/services/" + AuthProvider.class.getName();

    /**
     * A class loader that sees the provider registrations under {@code discovery/<folder>} of the test
     * resources instead of the usual ones; classes still come from the test class path.
     */
    private static ClassLoader registrationsFrom(String folder) {
        ClassLoader parent = AuthProvidersTest.class.getClassLoader();
        return new ClassLoader(parent) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(SERVICES) ? parent.getResources("discovery/" + folder + "/" + name)
                        : super.getResources(name);
            }
        };
    }

    @Test
    void discoverFindsProvidersRegisteredInMetaInfServices() {
        AuthProviders providers = AuthProviders.discover();

        assertThat(providers.ids()).contains("test-alpha", "test-beta");
        assertThat(providers.get("test-alpha")).isInstanceOf(AlphaProvider.class);
        assertThat(providers.get("test-beta")).isInstanceOf(BetaProvider.class);
    }

    @Test
    void discoverSearchesTheGivenClassLoader() {
        AuthProviders providers = AuthProviders.discover(registrationsFrom("only-beta"));

        assertThat(providers.ids()).containsExactly("test-beta");
    }

    @Test
    void discoverWithoutArgumentsSearchesTheContextClassLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(registrationsFrom("only-beta"));
        try {
            assertThat(AuthProviders.discover().ids()).containsExactly("test-beta");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void refusesTwoProvidersWithOneIdNamingBothClasses() {
        AuthException e = catchThrowableOfType(AuthException.class,
                () -> AuthProviders.discover(registrationsFrom("duplicate")));

        assertThat(e).hasMessageContaining("two providers claim the id 'test-alpha'")
                .hasMessageContaining(AlphaProvider.class.getName())
                .hasMessageContaining(AlphaImpostorProvider.class.getName())
                .hasMessageContaining("remove one of the jars");
        assertThat(e.providerId()).contains("test-alpha");
    }

    @Test
    void refusesAProviderBuiltForANewerSpiWithAClearMessage() {
        AuthException e = catchThrowableOfType(AuthException.class,
                () -> AuthProviders.discover(registrationsFrom("newer-spi")));

        assertThat(e).hasMessage("test-future: provider " + FutureSpiProvider.class.getName()
                + " was built for apiauth SPI version " + (AuthProvider.SPI_VERSION + 1)
                + ", but this apiauth has SPI version " + AuthProvider.SPI_VERSION
                + "; upgrade apiauth (auth-spi and auth-core) to use it");
    }

    @Test
    void refusesANonPositiveSpiVersion() {
        assertThatThrownBy(() -> AuthProviders.of(List.of(new FixedProvider("test-zero", 0))))
                .isInstanceOf(AuthException.class).hasMessageContaining("SPI version 0");
    }

    @Test
    void reportsAProviderThatCannotBeInstantiated() {
        assertThatThrownBy(() -> AuthProviders.discover(registrationsFrom("broken")))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("a provider on the class path could not be loaded")
                .hasMessageContaining("ExplodingProvider")
                .hasMessageContaining("check that its jar matches this apiauth version");
    }

    @Test
    void reportsARegistrationOfAMissingClass() {
        assertThatThrownBy(() -> AuthProviders.discover(registrationsFrom("missing-class")))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("could not be loaded")
                .hasMessageContaining("NoSuchProvider");
    }

    @Test
    void unknownIdNamesTheKnownIds() {
        AuthProviders providers = AuthProviders.of(List.of(new BetaProvider(), new AlphaProvider()));

        UnknownProviderException e = catchThrowableOfType(UnknownProviderException.class,
                () -> providers.get("test-gamma"));

        assertThat(e).hasMessage("no provider with id 'test-gamma'; known providers: [test-alpha, test-beta]");
        assertThat(e.knownIds()).containsExactly("test-alpha", "test-beta");
        assertThat(e.providerId()).isEmpty();
        assertThat(providers.find("test-gamma")).isEmpty();
        assertThatThrownBy(() -> providers.credentials("test-gamma", Settings.empty()))
                .isInstanceOf(UnknownProviderException.class);
    }

    @Test
    void unknownIdWithoutAnyProviderSaysHowToAddOne() {
        UnknownProviderException e = catchThrowableOfType(UnknownProviderException.class,
                () -> AuthProviders.of(List.of()).get("domo"));

        assertThat(e).hasMessageContaining("known providers: none").hasMessageContaining("provider-domo");
        assertThat(e.knownIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Domo", "my_provider", "-domo", "domo-", "do--mo", "1domo", "do mo"})
    void refusesInvalidIds(String id) {
        assertThatThrownBy(() -> AuthProviders.of(List.of(new FixedProvider(id, AuthProvider.SPI_VERSION))))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining(FixedProvider.class.getName())
                .hasMessageContaining("invalid id '" + id + "'")
                .hasMessageContaining("lower-case letters, digits and dashes");
    }

    @Test
    void refusesAMissingId() {
        assertThatThrownBy(() -> AuthProviders.of(List.of(new FixedProvider(null, AuthProvider.SPI_VERSION))))
                .isInstanceOf(AuthException.class).hasMessageContaining("invalid id 'null'");
    }

    @Test
    void listsProvidersAlphabetically() {
        AlphaProvider alpha = new AlphaProvider();
        BetaProvider beta = new BetaProvider();
        FixedProvider aardvark = new FixedProvider("aardvark-2", AuthProvider.SPI_VERSION);
        AuthProviders providers = AuthProviders.of(List.of(beta, alpha, aardvark));

        assertThat(providers.ids()).containsExactly("aardvark-2", "test-alpha", "test-beta");
        assertThat(providers.all()).containsExactly(aardvark, alpha, beta);
        assertThat(providers.find("test-beta")).containsSame(beta);
        assertThat(providers.get("test-alpha")).isSameAs(alpha);
        assertThat(providers.toString()).isEqualTo("AuthProviders[aardvark-2, test-alpha, test-beta]");
    }

    /** A provider with any id and SPI version, never registered. */
    private static final class FixedProvider implements AuthProvider {
        private final String id;
        private final int spiVersion;

        FixedProvider(String id, int spiVersion) {
            this.id = id;
            this.spiVersion = spiVersion;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderInfo info() {
            return ProviderInfo.builder("Fixed").documentation("https://example.com").build();
        }

        @Override
        public int requestedSpiVersion() {
            return spiVersion;
        }

        @Override
        public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
            throw new UnsupportedOperationException("never used");
        }
    }
}
