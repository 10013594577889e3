package dev.apiauth.tck;

import dev.apiauth.tck.reference.RefreshingFixture;

/** The reference refresh-token provider passes the contract, R13 included. */
class RefreshingContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new RefreshingFixture();
    }
}
