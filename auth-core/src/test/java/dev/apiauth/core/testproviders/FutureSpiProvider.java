package dev.apiauth.core.testproviders;

/** Built for an SPI newer than this one; only registered in {@code discovery/newer-spi}. */
public final class FutureSpiProvider extends SimpleTestProvider {
    public FutureSpiProvider() {
        super("test-future", SPI_VERSION + 1);
    }
}
