package dev.apiauth.provider.dotypos;

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;

/** The apiauth provider contract for Dotypos: refresh token from the store, consent, JWT expiry, 401/403. */
class DotyposContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new DotyposContractFixture();
    }
}
