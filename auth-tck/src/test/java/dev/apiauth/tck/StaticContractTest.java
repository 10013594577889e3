package dev.apiauth.tck;

import dev.apiauth.tck.reference.StaticFixture;

/** The reference provider without a token endpoint passes what applies; the rest is skipped with reasons. */
class StaticContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new StaticFixture();
    }
}
