package dev.apiauth.provider.docoon;

import dev.apiauth.tck.AuthProviderContract;
import dev.apiauth.tck.ContractFixture;
import org.junit.jupiter.api.Test;

/**
 * The apiauth provider contract for Docoon in mode {@code basic} (HTTP Basic with login and password on
 * every request), run through {@link StaticModeContractRun}: see there why R1.5 is expected to fail.
 */
class DocoonBasicContractTest {
    /** The contract; Surefire leaves nested classes alone, the test below runs it. */
    static final class Contract extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new DocoonBasicContractFixture();
        }
    }

    @Test
    void passesEveryRuleForStaticCredentialsAndSkipsTheTokenEndpointRules() {
        StaticModeContractRun.of(Contract.class).assertEveryApplicableRulePassesAndOnlyTheCapabilityMatchFails();
    }
}
