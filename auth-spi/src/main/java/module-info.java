/**
 * The contract every apiauth provider implements and the engine calls: {@link dev.apiauth.spi.AuthProvider}
 * and the values it exchanges. No dependency beyond {@code java.base}.
 *
 * <p>{@code dev.apiauth.spi.internal} holds the engine's side of settings (validation, parsing) and
 * is exported only to apiauth's own modules.
 */
// The qualified exports name modules built after this one, which javac cannot see yet ("module not found").
@SuppressWarnings("module")
module dev.apiauth.spi {
    exports dev.apiauth.spi;
    exports dev.apiauth.spi.consent;
    exports dev.apiauth.spi.http;
    exports dev.apiauth.spi.oauth2;
    // The engine and apiauth's tools validate settings as the engine does; Dotypos checks the URLs
    // its consent builder takes by the same rule as a URL setting.
    exports dev.apiauth.spi.internal to
            dev.apiauth.core,
            dev.apiauth.provider.dotypos,
            dev.apiauth.tck,
            dev.apiauth.redis,
            dev.apiauth.cli;
}
