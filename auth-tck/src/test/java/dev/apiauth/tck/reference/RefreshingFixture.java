package dev.apiauth.tck.reference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.apiauth.spi.Capability;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import dev.apiauth.tck.RefreshTokenFixture;
import dev.apiauth.tck.TokenEndpointFixture;
import java.net.URI;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The fixture of {@link RefreshingProvider}: a rotating refresh-token grant, 403 for expired tokens. */
public class RefreshingFixture implements ContractFixture {
    static final String CLIENT_ID = "tck-refreshing-client";
    static final String CLIENT_SECRET = "tck-refreshing-secret-93b1";
    static final String REFRESH_TOKEN = "tck-consented-refresh-5d1c0b7e";

    private final String providerId;

    public RefreshingFixture() {
        this(RefreshingProvider.ID);
    }

    public RefreshingFixture(String providerId) {
        this.providerId = providerId;
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS, Capability.REFRESH_TOKENS,
                Capability.INTERACTIVE_CONSENT);
    }

    @Override
    public Map<String, String> settings(URI baseUrl) {
        Map<String, String> settings = settingsWithoutConsent(baseUrl).orElseThrow();
        settings.put("refresh-token", REFRESH_TOKEN);
        return settings;
    }

    @Override
    public Optional<Map<String, String>> settingsWithoutConsent(URI baseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("token-url", baseUrl + "/connect/token");
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        return Optional.of(settings);
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of("client-secret", "refresh-token");
    }

    @Override
    public Map<String, String> authorizedHeaders(IssuedToken token) {
        return Map.of("Authorization", "Bearer " + token.value());
    }

    @Override
    public Set<Integer> tokenRejectedStatuses() {
        return Set.of(401, 403);
    }

    @Override
    public Optional<TokenEndpointFixture> tokenEndpoint() {
        return Optional.of(TokenEndpointFixture.builder()
                .request(() -> post(urlPathEqualTo("/connect/token"))
                        .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                        .withRequestBody(matching("grant_type=refresh_token&refresh_token=("
                                + Pattern.quote(REFRESH_TOKEN) + "|" + IssuedToken.ROTATED_REFRESH_TOKEN + ")")))
                .success(token -> okJson("{\"access_token\":\"" + token.value() + "\",\"token_type\":\"Bearer\""
                        + token.lifetime().map(life -> ",\"expires_in\":\"" + life.toSeconds() + "\"").orElse("")
                        + token.refreshToken().map(refresh -> ",\"refresh_token\":\"" + refresh + "\"").orElse("")
                        + "}"))
                // The vendor also answers with expires_in as a number: R6.5 checks both shapes.
                .alsoSucceedsWith(token -> okJson("{\"access_token\":\"" + token.value() + "\",\"token_type\":\"Bearer\""
                        + token.lifetime().map(life -> ",\"expires_in\":" + life.toSeconds()).orElse("")
                        + token.refreshToken().map(refresh -> ",\"refresh_token\":\"" + refresh + "\"").orElse("")
                        + "}"))
                .rejectedCredentials(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token was"
                                + " revoked\"}"), "The refresh token was revoked")
                .serverError(aResponse().withStatus(500).withBody("Internal Server Error"))
                .build());
    }

    @Override
    public Optional<RefreshTokenFixture> refreshTokens() {
        return Optional.of(RefreshTokenFixture.builder(REFRESH_TOKEN).rotates(true).build());
    }

    @Override
    public String toString() {
        return "RefreshingFixture[" + providerId + "]";
    }
}
