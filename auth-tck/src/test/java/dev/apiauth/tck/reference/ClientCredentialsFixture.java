package dev.apiauth.tck.reference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.apiauth.spi.FormEncoding.formEncode;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import dev.apiauth.tck.TokenEndpointFixture;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The fixture of {@link ClientCredentialsProvider}: a standard RFC 6749 §4.4 token endpoint. */
public class ClientCredentialsFixture implements ContractFixture {
    /** Form-encoding changes both (RFC 6749 §2.3.1), so the fixture shows how to declare encoded credentials. */
    public static final String CLIENT_ID = "tck-client@4711";
    public static final String CLIENT_SECRET = "tck-secret/7f3a+9c2e";

    private final String providerId;
    private final AuthProvider instance;

    /** The fixture of the correct reference provider. */
    public ClientCredentialsFixture() {
        this(ClientCredentialsProvider.ID, null);
    }

    /**
     * The same vendor for a (broken) variant registered under another id.
     *
     * @param instance the provider to check when it is not registered with ServiceLoader, or null
     */
    public ClientCredentialsFixture(String providerId, AuthProvider instance) {
        this.providerId = providerId;
        this.instance = instance;
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS);
    }

    @Override
    public Map<String, String> settings(URI baseUrl) {
        return Map.of("token-url", baseUrl + "/oauth2/token", "client-id", CLIENT_ID, "client-secret", CLIENT_SECRET);
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
                .request(() -> post(urlPathEqualTo("/oauth2/token"))
                        // RFC 6749 §2.3.1: id and secret are form-urlencoded before Base64.
                        .withBasicAuth(formEncode(CLIENT_ID), formEncode(CLIENT_SECRET))
                        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                        .withHeader("Accept", equalTo("application/json"))
                        .withRequestBody(equalTo("grant_type=client_credentials&scope=read+write")))
                .success(this::success)
                .rejectedCredentials(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication"
                                + " failed: unknown client\"}"), "Client authentication failed: unknown client")
                .serverError(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"temporarily_unavailable\"}"))
                .alsoIssuesTokensWithoutLifetime(true)
                .build());
    }

    /** The vendor's success answer: {@code expires_in} as a JSON number. */
    protected ResponseDefinitionBuilder success(IssuedToken token) {
        return okJson("{\"access_token\":\"" + token.value() + "\",\"token_type\":\"bearer\""
                + token.lifetime().map(life -> ",\"expires_in\":" + life.toSeconds()).orElse("") + "}");
    }

    @Override
    public Optional<AuthProvider> provider() {
        return Optional.ofNullable(instance);
    }

    @Override
    public String toString() {
        return "ClientCredentialsFixture[" + providerId + "]";
    }
}
