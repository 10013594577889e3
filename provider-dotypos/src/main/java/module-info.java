/** The apiauth provider for Dotypos (provider id {@code dotypos}), found by the engine through {@code ServiceLoader}. */
module dev.apiauth.provider.dotypos {
    requires dev.apiauth.spi;
    requires static com.google.auto.service;

    // DotyposConsent: the consent flow an application runs once to connect an account.
    exports dev.apiauth.provider.dotypos;

    provides dev.apiauth.spi.AuthProvider with dev.apiauth.provider.dotypos.DotyposProvider;
}
