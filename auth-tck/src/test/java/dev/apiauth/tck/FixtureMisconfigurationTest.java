package dev.apiauth.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.spi.Capability;
import dev.apiauth.tck.reference.ClientCredentialsFixture;
import dev.apiauth.tck.reference.RefreshingFixture;
import java.net.URI;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A misconfigured fixture fails every rule loudly, before any rule runs; nothing is skipped or passed. */
@Timeout(30)
class FixtureMisconfigurationTest {
    static final class NoFixture extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return null;
        }
    }

    static final class TokenEndpointMissing extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture() {
                @Override
                public Optional<TokenEndpointFixture> tokenEndpoint() {
                    return Optional.empty();
                }
            };
        }
    }

    static final class RefreshTokensAndConsentMissing extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new RefreshingFixture() {
                @Override
                public Optional<RefreshTokenFixture> refreshTokens() {
                    return Optional.empty();
                }

                @Override
                public Optional<Map<String, String>> settingsWithoutConsent(URI baseUrl) {
                    return Optional.empty();
                }

                @Override
                public Map<String, String> settings(URI baseUrl) {
                    Map<String, String> settings = new HashMap<>();
                    settings.put("token-url", baseUrl + "/connect/token");
                    settings.put("client-id", "tck-refreshing-client");
                    settings.put("client-secret", "tck-refreshing-secret-93b1");
                    settings.put("refresh-token", "tck-consented-refresh-5d1c0b7e");
                    return settings;
                }
            };
        }
    }

    static final class ShortSecretAndProductionUrl extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture() {
                @Override
                public Map<String, String> settings(URI baseUrl) {
                    return Map.of("token-url", "https://auth.example.com/oauth2/token", "client-id", "tck-client-4711",
                            "client-secret", "secret");
                }
            };
        }
    }

    static final class UnknownProvider extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture("tck-no-such-provider", null);
        }
    }

    @Test
    void noFixtureFailsEveryRule() {
        assertEveryRuleFailsWith(NoFixture.class, "fixture() returned null");
    }

    @Test
    void tokenEndpointCapabilityWithoutTokenEndpointFailsEveryRule() {
        assertEveryRuleFailsWith(TokenEndpointMissing.class,
                "declares TOKEN_ENDPOINT but tokenEndpoint() is empty");
    }

    @Test
    void everyMissingPartIsListedAtOnce() {
        ContractRun run = assertEveryRuleFailsWith(RefreshTokensAndConsentMissing.class,
                "declares REFRESH_TOKENS but refreshTokens() is empty");
        assertThat(run.message(Rule.R1_1)).contains("declares INTERACTIVE_CONSENT but settingsWithoutConsent")
                .contains("2 problems");
    }

    @Test
    void secretsMustBeDistinctiveAndEndpointsMustPointAtTheTck() {
        ContractRun run = assertEveryRuleFailsWith(ShortSecretAndProductionUrl.class,
                "shorter than 10 characters");
        assertThat(run.message(Rule.R5_1)).contains("no value of settings(baseUrl) contains baseUrl");
    }

    @Test
    void aProviderNobodyRegisteredFailsEveryRule() {
        assertEveryRuleFailsWith(UnknownProvider.class, "no provider with id 'tck-no-such-provider'");
    }

    @Test
    void tokenEndpointBuilderNamesEveryMissingPart() {
        assertThatThrownBy(() -> TokenEndpointFixture.builder().request(() -> post("/token")).build())
                .isInstanceOf(TckConfigurationException.class)
                .hasMessageContaining("no success(...)")
                .hasMessageContaining("no rejectedCredentials(...)")
                .hasMessageContaining("no serverError(...)")
                .hasMessageContaining("3 problems");
    }

    @Test
    void tokenEndpointBuilderChecksTheStatusesOfTheErrorAnswers() {
        assertThatThrownBy(() -> TokenEndpointFixture.builder().request(() -> post("/token"))
                .success(token -> aResponse())
                .rejectedCredentials(aResponse().withStatus(500), "boom")
                .serverError(aResponse().withStatus(404)).build())
                .isInstanceOf(TckConfigurationException.class)
                .hasMessageContaining("rejectedCredentials(...) answers HTTP 500")
                .hasMessageContaining("serverError(...) answers HTTP 404");
    }

    @Test
    void capabilitiesAreCheckedAgainstTheParts() {
        ContractFixture fixture = new ClientCredentialsFixture() {
            @Override
            public Set<Capability> capabilities() {
                return EnumSet.of(Capability.EXPIRING_TOKENS);
            }
        };
        assertThatThrownBy(() -> FixtureCheck.check(fixture, URI.create("http://127.0.0.1:1")))
                .isInstanceOf(TckConfigurationException.class)
                .hasMessageContaining("tokenEndpoint() is given but the fixture does not declare TOKEN_ENDPOINT")
                .hasMessageContaining("EXPIRING_TOKENS without TOKEN_ENDPOINT");
    }

    private static ContractRun assertEveryRuleFailsWith(Class<? extends AuthProviderContract> contract, String problem) {
        ContractRun run = ContractRun.of(contract);
        assertThat(run.failed()).isEqualTo(EnumSet.allOf(Rule.class));
        for (Rule rule : Rule.values()) {
            assertThat(run.outcomes.get(rule).error()).as(rule.id()).isInstanceOf(TckConfigurationException.class);
            assertThat(run.message(rule)).as(rule.id()).contains("misconfigured").contains(problem);
        }
        return run;
    }
}
