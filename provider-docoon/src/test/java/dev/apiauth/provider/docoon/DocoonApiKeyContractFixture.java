package dev.apiauth.provider.docoon;

import dev.apiauth.spi.Capability;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Docoon in mode {@code apikey}: no token endpoint; GraphQL requests carry {@code ApiKey: {key}} and nothing else. */
public class DocoonApiKeyContractFixture implements ContractFixture {
    static final String API_KEY = "tck-docoon-api-key-5b7e0c92";

    @Override
    public String providerId() {
        return DocoonProvider.ID;
    }

    /** A static key: nothing is fetched and nothing expires on its own. */
    /** Docoon's modes differ in capabilities; this fixture is one of three, one per mode. */
    @Override
    public boolean describesOneOfSeveralModes() {
        return true;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    /** Only the settings mode {@code apikey} takes: no URL at all, since the GraphQL endpoint is the caller's. */
    @Override
    public Map<String, String> settings(URI baseUrl) {
        return Map.of("mode", "apikey", "api-key", API_KEY);
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of("api-key");
    }

    @Override
    public Map<String, String> authorizedHeaders(IssuedToken token) {
        return Map.of("ApiKey", API_KEY);
    }
}
