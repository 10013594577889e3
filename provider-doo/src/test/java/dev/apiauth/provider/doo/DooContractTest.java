package dev.apiauth.provider.doo;

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;

/** The apiauth provider contract (auth-tck's rules R1-R13), run against the doo provider. */
class DooContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new DooContractFixture();
    }
}
