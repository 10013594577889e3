package dev.apiauth.spi;

import java.util.List;

/**
 * The service interface a vendor provider implements, found with {@link java.util.ServiceLoader}
 * (register it with {@code @AutoService(AuthProvider.class)} or a {@code META-INF/services} file).
 *
 * <p>A provider declares its vendor and builds a {@link TokenSource} from validated settings. It
 * does not cache, retry or lock: the engine does, the same way for every provider.
 */
@Api(status = Api.Status.STABLE)
public interface AuthProvider {
    /**
     * The SPI version of this jar. Return it from {@link #requestedSpiVersion()}: the compiler
     * copies the constant into the provider class, so the engine learns which SPI the provider was
     * built against and can explain a mismatch instead of failing with a {@code NoSuchMethodError}.
     */
    int SPI_VERSION = 1;

    /** {@return the unique lower-case id: letters, digits and dashes, e.g. {@code domo}} */
    String id();

    /** {@return the display name, documentation, settings and capabilities} */
    ProviderInfo info();

    /**
     * {@return the SPI version the provider was compiled against}
     * Implement as {@code return SPI_VERSION;}.
     */
    int requestedSpiVersion();

    /**
     * Checks rules that span several settings (e.g. "mode {@code password} needs {@code password}").
     * Per-setting checks (required, kind, choices) are done by the engine before this is called.
     *
     * @param settings the settings, each one already valid on its own
     * @return one sentence per problem, naming the settings; never a secret's value
     */
    default List<String> validate(ProviderSettings settings) {
        return List.of();
    }

    /**
     * Creates the token source for one account.
     *
     * @param settings validated settings
     * @param context what the engine provides: token-endpoint transport, JSON, clock, secret store
     * @return the account's token source
     */
    TokenSource createTokenSource(ProviderSettings settings, ProviderContext context);
}
