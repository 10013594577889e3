package dev.apiauth.tck;

import dev.apiauth.tck.reference.ClientCredentialsFixture;

/** The reference client-credentials provider passes the contract: the way a provider module uses the TCK. */
class ClientCredentialsContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new ClientCredentialsFixture();
    }
}
