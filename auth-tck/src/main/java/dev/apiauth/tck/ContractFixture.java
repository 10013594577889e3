package dev.apiauth.tck;

import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the TCK needs to know about one provider to check it: a dummy account pointed at the
 * TCK's WireMock server, the vendor's token endpoint as WireMock matchers and answers, and the
 * headers an authorized API request carries. Which rules apply follows from
 * {@link #capabilities()}; a rule that does not apply is reported as skipped with its reason.
 *
 * <p>Two ways to use it: return it from {@link AuthProviderContract#fixture()} in one test class, or
 * register the implementing class (public, no-argument constructor) in
 * {@code META-INF/services/dev.apiauth.tck.ContractFixture} so {@link ContractSuite} and the
 * command-line {@link TckRunner} find it.
 *
 * <p>Use distinctive values of at least 10 characters for every secret (client secret, password,
 * API key, refresh token): the redaction rules search every message, printout and log line for them.
 */
public interface ContractFixture {
    /** The id the provider registers under, e.g. {@code domo}. */
    String providerId();

    /**
     * What the provider's authentication involves; must equal what the provider declares
     * (rule R1.5). Decides which rules apply and which parts of this fixture are required.
     */
    Set<Capability> capabilities();

    /**
     * Settings of a dummy account whose every endpoint points at {@code baseUrl}, the TCK's WireMock
     * server (e.g. {@code http://127.0.0.1:53117}, no trailing slash). Called once per test.
     */
    Map<String, String> settings(URI baseUrl);

    /**
     * Names of the settings in {@link #settings(URI)} whose values are secrets. The provider must
     * flag them secret (R1.6) and never show their values (R2.3, R10.x).
     */
    Set<String> secretSettings();

    /**
     * The headers an authorized API request must carry with {@code token}, exactly (R4.1), e.g.
     * {@code Map.of("Authorization", "Bearer " + token.value())}. For a provider without a token
     * endpoint {@code token} is what its token source returned (sequence 0).
     */
    Map<String, String> authorizedHeaders(IssuedToken token);

    /** The vendor's token endpoint; required with {@link Capability#TOKEN_ENDPOINT}. */
    default Optional<TokenEndpointFixture> tokenEndpoint() {
        return Optional.empty();
    }

    /** The account's refresh token; required with {@link Capability#REFRESH_TOKENS}. */
    default Optional<RefreshTokenFixture> refreshTokens() {
        return Optional.empty();
    }

    /**
     * Whether this fixture describes one mode of a provider whose modes differ in capabilities
     * (Docoon: {@code basic} has no token endpoint, {@code password} has one). Then R1.5 checks that
     * the fixture's capabilities are among the provider's instead of equal to them; write one
     * fixture per mode so that every declared capability is exercised by some fixture.
     */
    default boolean describesOneOfSeveralModes() {
        return false;
    }

    /**
     * Settings of an account that has not granted consent yet (no refresh token anywhere); required
     * with {@link Capability#INTERACTIVE_CONSENT}. The provider must then ask for interaction (R13.3).
     */
    default Optional<Map<String, String>> settingsWithoutConsent(URI baseUrl) {
        return Optional.empty();
    }

    /**
     * Settings the provider must refuse when absent, beyond those it declares required (R2.1 checks
     * both). Optional: the rules take the required settings from the provider's own
     * {@code ProviderInfo}, and R2.5 finds settings of {@link #settings(URI)} that the provider cannot
     * do without but does not declare required. List one here when its absence does not show before
     * a request is sent.
     */
    default Set<String> requiredSettings() {
        return Set.of();
    }

    /** API statuses that mean "token expired" for this vendor (R7.3); 401 unless overridden (Dotypos adds 403). */
    default Set<Integer> tokenRejectedStatuses() {
        return Set.of(401);
    }

    /**
     * The provider instance to check, when it cannot be found with {@link java.util.ServiceLoader}.
     * Leave empty: the TCK looks it up by id (R1.1). An instance here lets the other rules run while
     * R1.1 fails.
     */
    default Optional<AuthProvider> provider() {
        return Optional.empty();
    }
}
