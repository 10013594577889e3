package dev.apiauth.core.testproviders;

/** Fails while being instantiated; only registered in {@code discovery/broken}. */
public final class ExplodingProvider extends SimpleTestProvider {
    public ExplodingProvider() {
        super("test-exploding", SPI_VERSION);
        throw new IllegalStateException("cannot start");
    }
}
