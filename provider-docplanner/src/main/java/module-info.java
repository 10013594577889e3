/** The apiauth provider for Docplanner (provider id {@code docplanner}), found by the engine through {@code ServiceLoader}. */
module dev.apiauth.provider.docplanner {
    requires dev.apiauth.spi;
    requires static com.google.auto.service;

    provides dev.apiauth.spi.AuthProvider with dev.apiauth.provider.docplanner.DocplannerProvider;
}
