/** The apiauth provider for Doo (provider id {@code doo}), found by the engine through {@code ServiceLoader}. */
module dev.apiauth.provider.doo {
    requires dev.apiauth.spi;
    requires static com.google.auto.service;

    provides dev.apiauth.spi.AuthProvider with dev.apiauth.provider.doo.DooProvider;
}
