package dev.apiauth.provider.docoon;

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;

/** The apiauth provider contract for Docoon in mode {@code apikey}; token-endpoint rules are skipped. */
class DocoonApiKeyContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new DocoonApiKeyContractFixture();
    }
}
