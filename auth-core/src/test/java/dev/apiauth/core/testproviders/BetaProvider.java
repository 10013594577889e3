package dev.apiauth.core.testproviders;

/** Registered in META-INF/services, so every discover() in the auth-core tests sees it. */
public final class BetaProvider extends SimpleTestProvider {
    public BetaProvider() {
        super("test-beta", SPI_VERSION);
    }
}
