package dev.apiauth.provider.doo;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.shapes.DooShapes;
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
 * The doo account the TCK checks the provider with: doo's JSON client-credentials request with
 * {@code x-api-key}, answered in doo's envelope ({@link DooShapes}). doo's tokens are JWTs whose
 * {@code exp} is the only lifetime a client learns; doo also hands out opaque tokens without one,
 * which the provider must keep until the API rejects them. Pacing stays on, as users get it: the
 * TCK's sleeper advances its fake clock, so the 1 request/s budget costs no real time.
 */
public class DooContractFixture implements ContractFixture {
    static final String CLIENT_ID = DooShapes.DEMO_CLIENT_ID;
    static final String CLIENT_SECRET = DooShapes.DEMO_CLIENT_SECRET;
    static final String API_KEY = DooShapes.DEMO_API_KEY;
    /** doo's API lives under {@code /v1}; the token endpoint is {@code {api-base-url}/oauth}. */
    static final String TOKEN_PATH = "/v1/oauth";

    @Override
    public String providerId() {
        return DooProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS);
    }

    /** The token URL is left to its default, so the contract also covers {@code {api-base-url}/oauth}. */
    @Override
    public Map<String, String> settings(URI baseUrl) {
        return Map.of(
                "client-id", CLIENT_ID,
                "client-secret", CLIENT_SECRET,
                "api-key", API_KEY,
                "api-base-url", baseUrl + "/v1");
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of("client-secret", "api-key");
    }

    /** doo wants the API key on every API request, next to the bearer token. */
    @Override
    public Map<String, String> authorizedHeaders(IssuedToken token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token.value());
        headers.put("x-api-key", API_KEY);
        return headers;
    }

    @Override
    public Optional<TokenEndpointFixture> tokenEndpoint() {
        return Optional.of(TokenEndpointFixture.builder()
                // The documented curl: JSON body, x-api-key, no HTTP Basic.
                .request(() -> post(urlEqualTo(TOKEN_PATH))
                        .withHeader("Content-Type", matching("application/json(;.*)?"))
                        .withHeader("x-api-key", equalTo(API_KEY))
                        .withHeader("Authorization", absent())
                        .withRequestBody(equalToJson("{\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\""
                                + CLIENT_SECRET + "\",\"grant_type\":\"client_credentials\"}")))
                // doo announces no lifetime: a JWT's exp carries it, an opaque token has none.
                .success(token -> answer(DooShapes.tokenIssued(token.value(),
                        DooProvider.DEFAULT_API_BASE_URL + "/oauth")))
                .tokenFormat(TokenEndpointFixture.TokenFormat.JWT)
                .alsoIssuesTokensWithoutLifetime(true)
                .rejectedCredentials(answer(DooShapes.invalidClient()),
                        "Invalid client credentials: client_id or client_secret is wrong")
                .serverError(answer(DooShapes.error(503, "Service temporarily unavailable",
                        "The service is temporarily unavailable. Please try again later.")))
                .rateLimited(wait -> answer(DooShapes.error(429, "API limit exceeded for this API key",
                        "Too many requests. Please try again later.")
                        .withHeader("Retry-After", Long.toString(wait.toSeconds()))))
                .build());
    }

    /** A doo answer as WireMock serves it. */
    static ResponseDefinitionBuilder answer(VendorResponse response) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(response.status()).withBody(response.body());
        if (response.contentType() != null) {
            answer.withHeader("Content-Type", response.contentType());
        }
        response.headers().forEach(answer::withHeader);
        return answer;
    }
}
