package dev.apiauth.provider.docplanner;

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;

/** The apiauth provider contract (auth-tck's rules R1-R13), run against the Docplanner provider. */
class DocplannerContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new DocplannerContractFixture();
    }
}
