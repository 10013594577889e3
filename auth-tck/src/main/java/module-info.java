/**
 * The apiauth provider contract: {@link dev.apiauth.tck.AuthProviderContract}, the fixture API and the
 * runner. Third-party provider modules use it in test scope, usually on the class path.
 */
// WireMock's standalone jar and auth-testing are automatic modules; the qualified opens names JUnit's reflection.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module dev.apiauth.tck {
    requires transitive dev.apiauth.core;
    requires transitive dev.apiauth.spi;
    requires transitive dev.apiauth.testing;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.junit.platform.launcher;
    requires org.junit.platform.reporting;
    requires org.opentest4j;
    requires wiremock.standalone;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;

    exports dev.apiauth.tck;
    // JUnit calls the contract's rule methods and the extension reflectively.
    opens dev.apiauth.tck to org.junit.platform.commons;

    uses dev.apiauth.spi.AuthProvider;
    uses dev.apiauth.tck.ContractFixture;
}
