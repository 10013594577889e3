package dev.apiauth.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Correct providers pass every rule that applies, and rules that do not apply are skipped with a
 * reason that names the missing capability, never passed silently.
 */
class ReferenceProvidersTest {
    @Test
    @Timeout(30)
    void providerWithoutTokenEndpointSkipsTokenRulesWithTheReason() {
        ContractRun run = ContractRun.of(StaticContractTest.class);

        Set<Rule> applicable = EnumSet.of(Rule.R1_1, Rule.R1_2, Rule.R1_3, Rule.R1_4, Rule.R1_5, Rule.R1_6,
                Rule.R1_7, Rule.R2_1, Rule.R2_2, Rule.R2_3, Rule.R2_4, Rule.R2_5, Rule.R4_1, Rule.R7_2, Rule.R7_3,
                Rule.R10_1, Rule.R10_2, Rule.R10_3, Rule.R10_4);
        assertThat(run.failed()).isEmpty();
        assertThat(run.warned()).isEmpty();
        assertThat(run.passed()).isEqualTo(applicable);
        assertThat(run.skipped()).isEqualTo(EnumSet.complementOf(EnumSet.copyOf(applicable)));
        for (Rule rule : run.skipped()) {
            if (rule.level() == Rule.Level.UNTESTED) {
                continue;
            }
            assertThat(run.message(rule)).as(rule.id()).startsWith("Assumption failed: does not apply: ")
                    .containsPattern("TOKEN_ENDPOINT|EXPIRING_TOKENS|REFRESH_TOKENS|INTERACTIVE_CONSENT");
        }
    }

    @Test
    @Timeout(30)
    void refreshTokenProviderPassesThePersistenceRules() {
        ContractRun run = ContractRun.of(RefreshingContractTest.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.passed()).contains(Rule.R13_1, Rule.R13_2, Rule.R13_3, Rule.R7_3, Rule.R6_5);
        assertThat(run.skipped()).containsExactly(Rule.R6_4, Rule.R11_3);
        assertThat(run.message(Rule.R6_4)).contains("the vendor always announces a lifetime");
    }

    @Test
    @Timeout(30)
    void untestedRulesAreSkippedSayingWhatToReview() {
        ContractRun run = ContractRun.of(ClientCredentialsContractTest.class);

        assertThat(run.failed()).isEmpty();
        // Its fixture declares the Basic credentials form-encoded, as RFC 6749 §2.3.1 sends them.
        assertThat(run.passed()).contains(Rule.R3_1, Rule.R3_2);
        for (Rule rule : Rule.values()) {
            if (rule.level() == Rule.Level.UNTESTED) {
                assertThat(run.skipped()).as(rule.id()).contains(rule);
                assertThat(run.message(rule)).as(rule.id()).startsWith("untested: ").contains(rule.hint());
            }
        }
        assertThat(Rule.R11_3.displayName()).startsWith("R11.3 UNTESTED ");
    }
}
