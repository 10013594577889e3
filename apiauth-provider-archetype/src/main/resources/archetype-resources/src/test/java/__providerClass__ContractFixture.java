package ${package};

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
 * The ${providerName} account the TCK checks the provider with, and how ${providerName} answers: the
 * exact token request, a token, a refusal, an outage and a rate limit. Keep it true to the vendor's
 * documentation; the TCK runs the provider against a server that answers only what this declares.
 *
 * <p>Registered in {@code META-INF/services/dev.apiauth.tck.ContractFixture} too, so
 * {@code authctl tck --class-path <provider jar>:<tests jar>} finds it.
 */
public class ${providerClass}ContractFixture implements ContractFixture {
    static final String CLIENT_ID = "tck-client-4711";
    /** Distinctive and at least 10 characters, so the TCK can spot it wherever it leaks. */
    static final String CLIENT_SECRET = "tck-secret-7f3a9c2e";
    static final String SCOPE = "read";
    static final String TOKEN_PATH = "/oauth/token";

    @Override
    public String providerId() {
        return ${providerClass}Provider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS);
    }

    /** Every endpoint points at the TCK's server; {@code baseUrl} has no trailing slash. */
    @Override
    public Map<String, String> settings(URI baseUrl) {
        return Map.of(
                "client-id", CLIENT_ID,
                "client-secret", CLIENT_SECRET,
                "scope", SCOPE,
                "token-url", baseUrl + TOKEN_PATH,
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
                // The exact request, and every place a credential travels (here: HTTP Basic).
                .request(() -> post(urlEqualTo(TOKEN_PATH))
                        .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                        .withHeader("Content-Type", matching("application/x-www-form-urlencoded(;.*)?"))
                        .withRequestBody(equalTo("grant_type=client_credentials&scope=" + SCOPE)))
                // The success answer; it announces the lifetime the TCK chose, when it chose one.
                .success(token -> okJson("{\"access_token\":\"" + token.value() + "\",\"token_type\":\"bearer\""
                        + token.lifetime().map(lifetime -> ",\"expires_in\":" + lifetime.toSeconds()).orElse("")
                        + "}"))
                .rejectedCredentials(oauthError(401, "invalid_client", "Client authentication failed"),
                        "Client authentication failed")
                .serverError(oauthError(503, "temporarily_unavailable", "The server is temporarily unavailable"))
                .rateLimited(wait -> oauthError(429, "slow_down", "Too many token requests")
                        .withHeader("Retry-After", Long.toString(wait.toSeconds())))
                .build());
    }

    /** An RFC 6749 error answer. */
    private static ResponseDefinitionBuilder oauthError(int status, String error, String description) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }
}
