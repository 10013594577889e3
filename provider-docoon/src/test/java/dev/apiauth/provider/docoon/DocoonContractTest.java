package dev.apiauth.provider.docoon;

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;

/** The apiauth provider contract for Docoon in mode {@code password}. */
class DocoonContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new DocoonContractFixture();
    }
}
