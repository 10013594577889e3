package dev.apiauth.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.shapes.DocoonShapes;
import dev.apiauth.shapes.VendorResponse;
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
 * The contract fixture `authctl tck` finds on this module's test class path (registered in
 * META-INF/services): Docoon's password grant, answering in the simulator's Docoon shapes.
 */
public class DocoonContractFixture implements ContractFixture {
    private static final String CLIENT_ID = "odyssey.tck.client";
    private static final String CLIENT_SECRET = "tck-docoon-client-secret-31c7";
    private static final String LOGIN = "55TCK.restAPITest";
    private static final String PASSWORD = "tck-docoon-password-9a02";

    @Override
    public String providerId() {
        return "docoon";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS);
    }

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
                .request(() -> post(urlPathEqualTo("/connect/token"))
                        .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                        .withRequestBody(equalTo("grant_type=password&username=msg%5C" + LOGIN + "&password="
                                + PASSWORD + "&scope=OMS")))
                .success(token -> wiremock(DocoonShapes.tokenIssued(token.value(), token.expiresInSeconds())))
                .rejectedCredentials(wiremock(DocoonShapes.invalidGrant()), "invalid_username_or_password")
                .serverError(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Service Unavailable</body></html>"))
                .build());
    }

    private static ResponseDefinitionBuilder wiremock(VendorResponse response) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(response.status()).withBody(response.body());
        if (response.contentType() != null) {
            answer.withHeader("Content-Type", response.contentType());
        }
        response.headers().forEach(answer::withHeader);
        return answer;
    }
}
