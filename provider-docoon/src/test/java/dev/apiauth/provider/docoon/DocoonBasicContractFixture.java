package dev.apiauth.provider.docoon;

import dev.apiauth.spi.Capability;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Docoon in mode {@code basic}: no token endpoint; every REST request carries
 * {@code Authorization: Basic base64(login:password)} with the login exactly as given (no {@code msg\}).
 */
public class DocoonBasicContractFixture implements ContractFixture {
    static final String LOGIN = "55TCK.restAPITest";
    static final String PASSWORD = "tck-docoon-basic-password-4e1b";

    @Override
    public String providerId() {
        return DocoonProvider.ID;
    }

    /** Static credentials: nothing is fetched and nothing expires on its own. */
    /** Docoon's modes differ in capabilities; this fixture is one of three, one per mode. */
    @Override
    public boolean describesOneOfSeveralModes() {
        return true;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    /** Only the settings mode {@code basic} takes: a {@code token-url} would be refused as unused. */
    @Override
    public Map<String, String> settings(URI baseUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mode", "basic");
        settings.put("login", LOGIN);
        settings.put("password", PASSWORD);
        settings.put("api-base-url", baseUrl + "/api/v1");
        return settings;
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of("password");
    }

    /** The documented header, derived here from login and password rather than from the provider's token. */
    @Override
    public Map<String, String> authorizedHeaders(IssuedToken token) {
        String credentials = LOGIN + ":" + PASSWORD;
        return Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
