package dev.apiauth.tck;

import dev.apiauth.spi.AuthProvider;
import java.util.List;
import java.util.Map;

/**
 * What a contract test is about: the contract's fixture, checked, and the provider it names, found
 * the way the engine finds providers.
 *
 * @param contract the user's contract class
 * @param fixture its fixture
 * @param provider the provider with the fixture's id
 * @param foundByServiceLoader false when only the fixture's own provider (or one whose id differs in
 *     case) stood in
 * @param lookup everything ServiceLoader saw
 * @param settings the fixture's settings pointed at the TCK's server
 */
record ProviderUnderTest(AuthProviderContract contract, ContractFixture fixture, AuthProvider provider,
        boolean foundByServiceLoader, ProviderLookup lookup, Map<String, String> settings) {

    /**
     * Checks the fixture and finds the provider.
     *
     * @throws TckConfigurationException when the fixture is missing or incomplete, or no provider with
     *     its id exists
     */
    static ProviderUnderTest find(AuthProviderContract contract, TckServer server) {
        ContractFixture fixture;
        try {
            fixture = contract.fixture();
        } catch (RuntimeException e) {
            throw new TckConfigurationException(contract.getClass().getName() + ".fixture() threw " + e
                    + "; it must return the provider's ContractFixture");
        }
        if (fixture == null) {
            throw new TckConfigurationException(contract.getClass().getName()
                    + ".fixture() returned null; return the provider's ContractFixture");
        }
        Map<String, String> settings = FixtureCheck.check(fixture, server.baseUrl());
        ProviderLookup lookup = ProviderLookup.scan(ProviderLookup.contextLoader());
        List<AuthProvider> found = lookup.withId(fixture.providerId());
        AuthProvider provider;
        boolean byServiceLoader = !found.isEmpty();
        List<AuthProvider> otherCase = lookup.withIdInOtherCase(fixture.providerId());
        if (byServiceLoader) {
            provider = found.get(0);
        } else if (fixture.provider().isEmpty() && otherCase.size() == 1) {
            // Ids are lower-case: a case mismatch is one mistake, reported by R1.1 (and R1.2 if the
            // provider's id is the wrong one), not a reason to stop every other rule.
            provider = otherCase.get(0);
        } else {
            provider = fixture.provider().orElseThrow(() -> new TckConfigurationException(
                    "no provider with id '" + fixture.providerId() + "' was found by ServiceLoader"
                            + (lookup.loadFailures.isEmpty() ? "" : " (some entries failed to load: "
                                    + lookup.loadFailures + ")")
                            + "; register it in META-INF/services/dev.apiauth.spi.AuthProvider (rule R1.1)"));
        }
        return new ProviderUnderTest(contract, fixture, provider, byServiceLoader, lookup, settings);
    }
}
