package dev.apiauth.provider.domo;

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;

/** The apiauth provider contract (auth-tck's rules R1-R13), run against the Domo provider. */
class DomoContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new DomoContractFixture();
    }
}
