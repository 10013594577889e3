package dev.apiauth.provider.dotypos;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.apiauth.provider.dotypos.DotyposWireMock.answer;

import dev.apiauth.shapes.DotyposShapes;
import dev.apiauth.spi.Capability;
import dev.apiauth.tck.ContractFixture;
import dev.apiauth.tck.IssuedToken;
import dev.apiauth.tck.RefreshTokenFixture;
import dev.apiauth.tck.TokenEndpointFixture;
import dev.apiauth.tck.TokenEndpointFixture.TokenFormat;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dotypos API v2 for the apiauth TCK: a consented cloud whose refresh token the consent step stored,
 * {@code POST /v2/signin/token} with {@code Authorization: User {refreshToken}} and the JSON body
 * {@code {"_cloudId": "…"}}, JWT access tokens whose {@code exp} is their lifetime, sent as
 * {@code Authorization: Bearer …}; an expired token earns 401 or 403. Answers with Dotypos' shapes
 * from auth-vendor-shapes. Registered for ServiceLoader, so {@code authctl tck} and the TCK runner find
 * it in this module's test-jar.
 */
public class DotyposContractFixture implements ContractFixture {
    /** Used by the consent step only: it must never reach the token endpoint. */
    static final String CLIENT_ID = "tck-dotypos-client-app";
    static final String CLIENT_SECRET = "tck-dotypos-client-secret-6a2f";
    /** Not rotated by the vendor: every token request carries this one. */
    static final String REFRESH_TOKEN = "tck-dotypos-refresh-8c41d2e7b9f0";
    static final String CLOUD_ID = "4172035";

    @Override
    public String providerId() {
        return DotyposProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS, Capability.REFRESH_TOKENS,
                Capability.INTERACTIVE_CONSENT);
    }

    /** A connected account: the consent's refresh token given as a setting too. */
    @Override
    public Map<String, String> settings(URI baseUrl) {
        Map<String, String> settings = settingsWithoutConsent(baseUrl).orElseThrow();
        settings.put("refresh-token", REFRESH_TOKEN);
        return settings;
    }

    /** The application's settings before anyone connected a cloud: no refresh token anywhere. */
    @Override
    public Optional<Map<String, String>> settingsWithoutConsent(URI baseUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("cloud-id", CLOUD_ID);
        settings.put("token-url", baseUrl + "/v2/signin/token");
        settings.put("api-base-url", baseUrl + "/v2");
        settings.put("connect-url", baseUrl + "/client/connect");
        settings.put("connect-v2-url", baseUrl + "/client/connect/v2");
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

    /** The documented 401 and the 403 some clients see for an expired access token. */
    @Override
    public Set<Integer> tokenRejectedStatuses() {
        return Set.of(401, 403);
    }

    @Override
    public Optional<TokenEndpointFixture> tokenEndpoint() {
        return Optional.of(TokenEndpointFixture.builder()
                .request(() -> post(urlEqualTo("/v2/signin/token"))
                        .withHeader("Authorization", equalTo("User " + REFRESH_TOKEN))
                        // Form bodies are rejected: JSON, with the cloud id as the documented string.
                        .withHeader("Content-Type", matching("application/json(;.*)?"))
                        .withRequestBody(equalToJson("{\"_cloudId\": \"" + CLOUD_ID + "\"}")))
                .success(token -> answer(DotyposShapes.tokenIssued(token.value())))
                .tokenFormat(TokenFormat.JWT)
                .rejectedCredentials(answer(DotyposShapes.refreshTokenRejected()), "Invalid or revoked refresh token")
                .serverError(answer(DotyposShapes.serviceUnavailable()))
                .build());
    }

    /** The refresh token where the consent step saved it, under the key the provider reads. */
    @Override
    public Optional<RefreshTokenFixture> refreshTokens() {
        return Optional.of(RefreshTokenFixture.builder(REFRESH_TOKEN)
                .storedSecrets(Map.of(DotyposProvider.REFRESH_TOKEN_KEY, REFRESH_TOKEN))
                // After the restart the refresh token is only in the store: the provider must read it there.
                .settingsAfterRestart(baseUrl -> settingsWithoutConsent(baseUrl).orElseThrow())
                .build());
    }
}
