package ${package};

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;

/** The apiauth provider contract (auth-tck's rules), run against the ${providerName} provider. */
class ${providerClass}ContractTest extends AuthProviderContract {
    @Override
    protected ContractFixture fixture() {
        return new ${providerClass}ContractFixture();
    }
}
