package dev.apiauth.core.testproviders;

/** Claims {@link AlphaProvider}'s id; only registered in {@code discovery/duplicate}. */
public final class AlphaImpostorProvider extends SimpleTestProvider {
    public AlphaImpostorProvider() {
        super("test-alpha", SPI_VERSION);
    }
}
