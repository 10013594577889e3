package dev.apiauth.provider.domo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.shapes.DomoShapes;
import dev.apiauth.shapes.VendorResponse;
import dev.apiauth.spi.Capability;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import dev.apiauth.tck.TokenEndpointFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The Domo client the TCK checks the provider with: the documented
 * {@code GET /oauth/token?grant_type=client_credentials&scope=data%20user} with HTTP Basic, answered
 * in Domo's shapes ({@link DomoShapes}): a JWT with {@code expires_in} and the client's
 * {@code customer}, {@code role}, {@code userId} and {@code scope}.
 */
public class DomoContractFixture implements ContractFixture {
    static final String CLIENT_ID = DomoShapes.DEMO_CLIENT_ID;
    static final String CLIENT_SECRET = DomoShapes.DEMO_CLIENT_SECRET;
    static final String SCOPE = String.join(" ", DomoShapes.DEMO_SCOPES);
    /** Exactly as in Domo's example: the space between scopes is {@code %20}, not {@code +}. */
    static final String TOKEN_REQUEST_URL = "/oauth/token?grant_type=client_credentials&scope="
            + SCOPE.replace(" ", "%20");

    @Override
    public String providerId() {
        return DomoProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS);
    }

    /** The token URL is left to its default, so the contract also covers {@code {api-base-url}/oauth/token}. */
    @Override
    public Map<String, String> settings(URI baseUrl) {
        return Map.of(
                "client-id", CLIENT_ID,
                "client-secret", CLIENT_SECRET,
                "scope", SCOPE,
                "api-base-url", baseUrl.toString());
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of("client-secret");
    }

    @Override
    public Map<String, String> authorizedHeaders(IssuedToken token) {
        return Map.of("Authorization", "Bearer " + token.value());
    }

    @Override
    public Optional<TokenEndpointFixture> tokenEndpoint() {
        return Optional.of(TokenEndpointFixture.builder()
                // The documented curl -u id:secret "…/oauth/token?grant_type=client_credentials&scope=data%20user".
                .request(() -> get(urlEqualTo(TOKEN_REQUEST_URL))
                        .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                        .withHeader("Content-Type", absent()))
                .success(token -> answer(DomoShapes.tokenIssued(token.value(), DomoShapes.DEMO_CUSTOMER,
                        token.expiresInSeconds(), jti(token), DomoShapes.DEMO_ROLE, SCOPE, DomoShapes.DEMO_USER_ID)))
                .tokenFormat(TokenEndpointFixture.TokenFormat.JWT)
                .rejectedCredentials(answer(DomoShapes.badCredentials()), "Bad credentials")
                .serverError(answer(DomoShapes.apiError(503, "Service Unavailable", "/oauth/token",
                        "The service is temporarily unavailable", "5QGB2UK5D1-VZ8WT-AOUKI")))
                .rateLimited(wait -> answer(DomoShapes.apiError(429, "Too Many Requests", "/oauth/token",
                        "Rate limit exceeded", "5QGB2UK5D1-VZ8WT-AOUKJ")
                        .withHeader("Retry-After", Long.toString(wait.toSeconds()))))
                .build());
    }

    /** Domo's {@code jti} is a UUID; one per token, derived from it so answers are repeatable. */
    private static String jti(IssuedToken token) {
        return UUID.nameUUIDFromBytes(token.value().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A Domo answer as WireMock serves it. */
    static ResponseDefinitionBuilder answer(VendorResponse response) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(response.status()).withBody(response.body());
        if (response.contentType() != null) {
            answer.withHeader("Content-Type", response.contentType());
        }
        response.headers().forEach(answer::withHeader);
        return answer;
    }
}
