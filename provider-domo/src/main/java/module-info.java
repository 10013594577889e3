/** The apiauth provider for Domo (provider id {@code domo}), found by the engine through {@code ServiceLoader}. */
module dev.apiauth.provider.domo {
    requires dev.apiauth.spi;
    requires static com.google.auto.service;

    provides dev.apiauth.spi.AuthProvider with dev.apiauth.provider.domo.DomoProvider;
}
