/** The apiauth provider for Docoon (provider id {@code docoon}), found by the engine through {@code ServiceLoader}. */
module dev.apiauth.provider.docoon {
    requires dev.apiauth.spi;
    requires static com.google.auto.service;

    provides dev.apiauth.spi.AuthProvider with dev.apiauth.provider.docoon.DocoonProvider;
}
