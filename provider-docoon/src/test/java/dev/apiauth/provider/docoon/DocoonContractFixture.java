package dev.apiauth.provider.docoon;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.apiauth.provider.docoon.DocoonWireMock.answer;

import dev.apiauth.shapes.DocoonShapes;
import dev.apiauth.spi.Capability;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import dev.apiauth.tck.TokenEndpointFixture;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docoon in mode {@code password}: the documented OAuth2 password grant at {@code POST /connect/token}
 * (client by HTTP Basic, form {@code grant_type=password&username=msg%5C{login}&password=…&scope=OMS}),
 * then {@code Authorization: Bearer {access_token}}. Answers with Docoon's shapes from
 * auth-vendor-shapes. Registered for ServiceLoader, so {@code authctl tck} and the TCK runner find it in
 * this module's test-jar; modes {@code basic} and {@code apikey} have their own fixtures.
 */
public class DocoonContractFixture implements ContractFixture {
    static final String CLIENT_ID = "odyssey.tck.client";
    static final String CLIENT_SECRET = "tck-docoon-client-secret-31c7";
    /** A login without the {@code msg\} domain: the provider adds it. */
    static final String LOGIN = "55TCK.restAPITest";
    static final String PASSWORD = "tck-docoon-password-9a02";

    @Override
    public String providerId() {
        return DocoonProvider.ID;
    }

    /** Docoon's modes differ in capabilities; this fixture is one of three, one per mode. */
    @Override
    public boolean describesOneOfSeveralModes() {
        return true;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS);
    }

    /** Only the settings mode {@code password} takes: the provider refuses any other mode's. */
    @Override
    public Map<String, String> settings(URI baseUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mode", "password");
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("login", LOGIN);
        settings.put("password", PASSWORD);
        settings.put("token-url", baseUrl + "/connect/token");
        settings.put("api-base-url", baseUrl + "/api/v1");
        return settings;
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of("client-secret", "password");
    }

    @Override
    public Map<String, String> authorizedHeaders(IssuedToken token) {
        return Map.of("Authorization", "Bearer " + token.value());
    }

    @Override
    public Optional<TokenEndpointFixture> tokenEndpoint() {
        return Optional.of(TokenEndpointFixture.builder()
                .request(() -> post(urlEqualTo("/connect/token"))
                        .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                        .withHeader("Content-Type", matching("application/x-www-form-urlencoded(;.*)?"))
                        // The backslash of the msg\ domain is form-encoded; the scope is the documented OMS.
                        .withRequestBody(equalTo("grant_type=password&username=msg%5C" + LOGIN + "&password="
                                + PASSWORD + "&scope=" + DocoonShapes.SCOPE)))
                .success(token -> answer(DocoonShapes.tokenIssued(token.value(), token.expiresInSeconds())))
                .rejectedCredentials(answer(DocoonShapes.invalidGrant()), "invalid_username_or_password")
                .serverError(answer(DocoonShapes.serviceUnavailable()))
                .build());
    }
}
