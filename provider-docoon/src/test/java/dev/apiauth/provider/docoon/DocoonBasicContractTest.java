package dev.apiauth.provider.docoon;

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;

/** The apiauth provider contract for Docoon in mode {@code basic}; token-endpoint rules are skipped. */
class DocoonBasicContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new DocoonBasicContractFixture();
    }
}
