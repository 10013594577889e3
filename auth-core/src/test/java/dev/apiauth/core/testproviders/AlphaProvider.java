package dev.apiauth.core.testproviders;

/** Registered in META-INF/services, so every discover() in the auth-core tests sees it. */
public final class AlphaProvider extends SimpleTestProvider {
    public AlphaProvider() {
        super("test-alpha", SPI_VERSION);
    }
}
