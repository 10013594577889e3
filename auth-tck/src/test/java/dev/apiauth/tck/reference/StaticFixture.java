package dev.apiauth.tck.reference;

import dev.apiauth.spi.Capability;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** The fixture of {@link StaticProvider}: no capabilities, so every token-endpoint rule is skipped. */
public class StaticFixture implements ContractFixture {
    static final String LOGIN = "55XXX.tckUser";
    static final String PASSWORD = "tck-password-e61f0a";

    @Override
    public String providerId() {
        return StaticProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public Map<String, String> settings(URI baseUrl) {
        return Map.of("login", LOGIN, "password", PASSWORD);
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of("password");
    }

    @Override
    public Map<String, String> authorizedHeaders(IssuedToken token) {
        return Map.of("Authorization", ClientCredentials.basic(LOGIN, PASSWORD));
    }
}
