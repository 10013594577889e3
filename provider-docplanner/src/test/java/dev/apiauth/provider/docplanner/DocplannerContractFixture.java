package dev.apiauth.provider.docplanner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.shapes.DocplannerShapes;
import dev.apiauth.shapes.VendorResponse;
import dev.apiauth.spi.Capability;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import dev.apiauth.tck.TokenEndpointFixture;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Docplanner account the TCK checks the provider with: an integration client on
 * {@value DocplannerShapes#DEMO_DOMAIN} whose token URL is overridden to point at the TCK's server,
 * sending the documented request (HTTP Basic, form {@code grant_type=client_credentials&scope=integration})
 * and answered in Docplanner's shapes ({@link DocplannerShapes}): opaque tokens with {@code expires_in}.
 */
public class DocplannerContractFixture implements ContractFixture {
    static final String CLIENT_ID = DocplannerShapes.DEMO_CLIENT_ID;
    static final String CLIENT_SECRET = DocplannerShapes.DEMO_CLIENT_SECRET;
    static final String TOKEN_PATH = "/oauth/v2/token";

    @Override
    public String providerId() {
        return DocplannerProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS);
    }

    /** The domain picks the real endpoint; {@code token-url} points the account at the TCK instead. */
    @Override
    public Map<String, String> settings(URI baseUrl) {
        return Map.of(
                "client-id", CLIENT_ID,
                "client-secret", CLIENT_SECRET,
                "domain", DocplannerShapes.DEMO_DOMAIN,
                "token-url", baseUrl + TOKEN_PATH);
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
                // The documented curl -u id:secret -d 'grant_type=client_credentials&scope=integration'.
                .request(() -> post(urlEqualTo(TOKEN_PATH))
                        .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                        .withHeader("Content-Type", matching("application/x-www-form-urlencoded(;.*)?"))
                        .withRequestBody(equalTo("grant_type=client_credentials&scope=" + DocplannerShapes.SCOPE)))
                .success(token -> answer(DocplannerShapes.tokenIssued(token.value(), token.expiresInSeconds())))
                .rejectedCredentials(answer(DocplannerShapes.invalidClient()), "The client credentials are invalid")
                .serverError(answer(DocplannerShapes.oauthError(503, "temporarily_unavailable",
                        "The authorization server is temporarily unavailable")))
                // Docplanner documents its 429 in the API's own error shape.
                .rateLimited(wait -> answer(DocplannerShapes.apiError(429, "Too many requests")
                        .withHeader("Retry-After", Long.toString(wait.toSeconds()))))
                .build());
    }

    /** A Docplanner answer as WireMock serves it. */
    static ResponseDefinitionBuilder answer(VendorResponse response) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(response.status()).withBody(response.body());
        if (response.contentType() != null) {
            answer.withHeader("Content-Type", response.contentType());
        }
        response.headers().forEach(answer::withHeader);
        return answer;
    }
}
