package dev.apiauth.provider.dotypos;

import dev.apiauth.tck.FakeClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.core.store.InMemorySecretStore;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.testing.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token request and its answers on the wire, run through the real engine. */
class DotyposTokenTest {
    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String PATH = "/v2/signin/token";
    private static final String REFRESH_TOKEN = "f3a9c07be1d24c5a8e6b7d90a1c2e3f4";
    private static final String CLOUD_ID = "351234567";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private final FakeClock clock = new FakeClock(NOW);
    private final InMemorySecretStore store = new InMemorySecretStore();

    private Credentials credentials(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("token-url", VENDOR.baseUrl() + PATH);
        return Credentials.builder(new DotyposProvider())
                .settings(all)
                .clock(clock)
                .secretStore(store)
                .backgroundExecutor(Runnable::run)
                // One attempt per call: no real sleeps, and each test sees exactly the requests it causes.
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                .build();
    }

    private static MappingBuilder tokenRequest(String refreshToken) {
        return post(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("User " + refreshToken))
                .withHeader("Content-Type", matching("application/json(; ?charset=UTF-8)?"))
                .withHeader("Accept", equalTo("application/json"));
    }

    private static String tokenBody(String accessToken) {
        return "{\"accessToken\":\"" + accessToken + "\"}";
    }

    private static List<LoggedRequest> tokenRequests() {
        return VENDOR.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void postsRefreshTokenAsUserAuthorizationAndCloudIdAsJsonString() {
        String jwt = vendorJwt(NOW.plus(Duration.ofHours(1)), "a");
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN)
                .withRequestBody(equalToJson("{\"_cloudId\":\"" + CLOUD_ID + "\"}"))
                .willReturn(okJson(tokenBody(jwt))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            AccessToken token = credentials.token();

            assertThat(token.value()).isEqualTo(jwt);
            assertThat(token.type()).isEqualTo("Bearer");
            assertThat(token.attribute(DotyposProvider.CLOUD_ID_ATTRIBUTE)).contains(CLOUD_ID);
            assertThat(credentials.headers()).containsExactly(Map.entry("Authorization", "Bearer " + jwt));
        }
        List<LoggedRequest> requests = tokenRequests();
        assertThat(requests).hasSize(1);
        // The exact bytes: the documented string type, not a number, and JSON rather than a form.
        assertThat(requests.get(0).getBodyAsString()).isEqualTo("{\"_cloudId\":\"" + CLOUD_ID + "\"}");
        assertThat(requests.get(0).getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void sendsCloudIdAsJsonNumberWhenConfigured() {
        String jwt = vendorJwt(NOW.plus(Duration.ofHours(1)), "a");
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN)
                .withRequestBody(equalToJson("{\"_cloudId\":" + CLOUD_ID + "}"))
                .willReturn(okJson(tokenBody(jwt))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID,
                "cloud-id-as-number", "true"))) {
            assertThat(credentials.token().value()).isEqualTo(jwt);
        }
        assertThat(tokenRequests()).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).isEqualTo("{\"_cloudId\":" + CLOUD_ID + "}"));
    }

    @Test
    void stringStubDoesNotAcceptNumericCloudId() {
        // Guards the two tests above: the JSON matcher distinguishes "1" from 1.
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN)
                .withRequestBody(equalToJson("{\"_cloudId\":\"" + CLOUD_ID + "\"}"))
                .willReturn(okJson(tokenBody(vendorJwt(NOW.plus(Duration.ofHours(1)), "a")))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID,
                "cloud-id-as-number", "true"))) {
            assertThatThrownBy(credentials::token).isInstanceOf(AuthException.class).hasMessageContaining("404");
        }
    }

    @Test
    void withoutCloudIdSendsEmptyJsonObjectAndKeepsNoCloudAttribute() {
        String jwt = vendorJwt(NOW.plus(Duration.ofHours(1)), "clouds-only");
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).withRequestBody(equalToJson("{}")).willReturn(okJson(tokenBody(jwt))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN))) {
            AccessToken token = credentials.token();

            assertThat(token.value()).isEqualTo(jwt);
            assertThat(token.attributes()).doesNotContainKey(DotyposProvider.CLOUD_ID_ATTRIBUTE);
        }
        assertThat(tokenRequests()).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).isEqualTo("{}"));
    }

    @Test
    void expiryComesFromTheJwtExpClaim() {
        Instant exp = NOW.plus(Duration.ofMinutes(47)).plusSeconds(13);
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(okJson(tokenBody(vendorJwt(exp, "a")))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            AccessToken token = credentials.token();

            assertThat(token.issuedAt()).isEqualTo(NOW);
            assertThat(token.expiresAt()).contains(exp);
        }
    }

    @Test
    void fetchesNewTokenWithSameRefreshTokenAfterExpiry() {
        String first = vendorJwt(NOW.plus(Duration.ofHours(1)), "first");
        String second = vendorJwt(NOW.plus(Duration.ofHours(2)), "second");
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(okJson(tokenBody(first))));
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson(tokenBody(second))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            assertThat(credentials.token().value()).isEqualTo(first);
            assertThat(credentials.token().value()).isEqualTo(first);

            clock.advance(Duration.ofHours(1));

            assertThat(credentials.token().value()).isEqualTo(second);
        }
        // Not rotated: both requests carry the same refresh token.
        assertThat(tokenRequests()).hasSize(2)
                .allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo("User " + REFRESH_TOKEN));
    }

    @Test
    void tokenThatIsNotAJwtIsKeptWithUnknownExpiry() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(okJson(tokenBody("opaque-access-token"))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            assertThat(credentials.token().expiresAt()).isEmpty();
            clock.advance(Duration.ofDays(1));
            assertThat(credentials.token().value()).isEqualTo("opaque-access-token");
        }
        assertThat(tokenRequests()).hasSize(1);
    }

    @Test
    void jwtAlreadyExpiredByOurClockIsReportedAsMalformed() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN)
                .willReturn(okJson(tokenBody(vendorJwt(NOW.minusSeconds(30), "old")))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            assertThatThrownBy(credentials::token).isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("check the system clock");
        }
    }

    /** Issue 13.2: a JWT exp decades ahead was refused ("absurd"), so no token was ever issued. */
    @Test
    void jwtExpDecadesAheadIsUsedWithTheLifetimeCappedAt24Hours() {
        String jwt = vendorJwt(NOW.plus(Duration.ofDays(365L * 40)), "far");
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(okJson(tokenBody(jwt))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            AccessToken token = credentials.token();
            assertThat(token.value()).isEqualTo(jwt);
            assertThat(token.lifetime()).contains(Duration.ofHours(24));
        }
    }

    @Test
    void refreshTokenIsLoadedFromTheSecretStoreWhenNotConfigured() {
        store.save(DotyposConsent.STORE_KEY, Secret.of("stored-refresh-token"));
        String jwt = vendorJwt(NOW.plus(Duration.ofHours(1)), "a");
        VENDOR.stubFor(tokenRequest("stored-refresh-token").willReturn(okJson(tokenBody(jwt))));

        try (Credentials credentials = credentials(Map.of("cloud-id", CLOUD_ID))) {
            assertThat(credentials.token().value()).isEqualTo(jwt);
        }
    }

    @Test
    void configuredRefreshTokenTakesPrecedenceOverTheStore() {
        store.save(DotyposConsent.STORE_KEY, Secret.of("stored-refresh-token"));
        String jwt = vendorJwt(NOW.plus(Duration.ofHours(1)), "a");
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(okJson(tokenBody(jwt))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            assertThat(credentials.token().value()).isEqualTo(jwt);
        }
        assertThat(tokenRequests()).singleElement()
                .satisfies(request -> assertThat(request.getHeader("Authorization")).isEqualTo("User " + REFRESH_TOKEN));
    }

    @Test
    void withoutAnyRefreshTokenAPersonMustConnectFirst() {
        try (Credentials credentials = credentials(Map.of("cloud-id", CLOUD_ID))) {
            assertThatThrownBy(credentials::token).isInstanceOf(InteractionRequiredException.class)
                    .hasMessageContaining("authctl connect dotypos")
                    .hasMessageContaining("DotyposConsent")
                    .hasMessageContaining(DotyposConsent.STORE_KEY);
        }
        assertThat(tokenRequests()).isEmpty();
    }

    @Test
    void refreshTokenSavedWhileRunningIsPickedUpOnTheNextAttempt() {
        String jwt = vendorJwt(NOW.plus(Duration.ofHours(1)), "a");
        VENDOR.stubFor(tokenRequest("connected-later").willReturn(okJson(tokenBody(jwt))));

        try (Credentials credentials = credentials(Map.of("cloud-id", CLOUD_ID))) {
            assertThatThrownBy(credentials::token).isInstanceOf(InteractionRequiredException.class);

            store.save(DotyposConsent.STORE_KEY, Secret.of("connected-later"));
            clock.advance(Duration.ofMinutes(1)); // past the engine's back-off after a failure

            assertThat(credentials.token().value()).isEqualTo(jwt);
        }
    }

    @Test
    void revokedRefreshTokenIsRejectedWithVendorMessageAndAdviceToReconnect() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Refresh token is not valid\"}")));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                    credentials::token);

            assertThat(rejected.status()).isEqualTo(401);
            assertThat(rejected.retryable()).isFalse();
            assertThat(rejected.getMessage()).contains("Refresh token is not valid")
                    .contains("authctl connect dotypos")
                    .doesNotContain(REFRESH_TOKEN);
        }
    }

    @Test
    void vendorMessageQuotingTheRefreshTokenIsRedacted() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Unknown token User " + REFRESH_TOKEN + "\"}")));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            assertThatThrownBy(credentials::token).isInstanceOf(CredentialsRejectedException.class)
                    .hasMessageContaining("Unknown token User REDACTED")
                    .hasMessageNotContaining(REFRESH_TOKEN);
        }
    }

    @Test
    void forbiddenCloudIsRejectedNamingTheCloudIdSetting() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"forbidden\"}")));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                    credentials::token);

            assertThat(rejected.status()).isEqualTo(403);
            assertThat(rejected.error()).contains("forbidden");
            assertThat(rejected.getMessage()).contains("cloud " + CLOUD_ID).contains("'cloud-id'");
        }
    }

    @Test
    void badRequestCarriesTheVendorMessage() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Invalid _cloudId\"}")));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                    credentials::token);

            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.errorDescription()).contains("Invalid _cloudId");
        }
    }

    @Test
    void serverErrorIsTransientAndHonoursRetryAfter() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Maintenance\"}")));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            TransientAuthException failure = catchThrowableOfType(TransientAuthException.class, credentials::token);

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.status()).hasValue(503);
            assertThat(failure.retryAfter()).contains(Duration.ofSeconds(120));
            assertThat(failure.getMessage()).contains("Maintenance");
        }
    }

    @Test
    void successWithoutAccessTokenIsMalformed() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(okJson("{\"access_token\":\"wrong-field\"}")));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            assertThatThrownBy(credentials::token).isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("'accessToken'");
        }
    }

    @Test
    void successWithHtmlBodyIsMalformed() {
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>login</html>")));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            assertThatThrownBy(credentials::token).isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("text/html");
        }
    }

    @Test
    void forbiddenApiAnswerCountsAsRejectedTokenAndLeadsToOneNewToken() {
        String first = vendorJwt(NOW.plus(Duration.ofHours(1)), "first");
        String second = vendorJwt(NOW.plus(Duration.ofHours(1)), "second");
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(okJson(tokenBody(first))));
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson(tokenBody(second))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            assertThat(credentials.tokenRejectedStatuses()).contains(401, 403);
            Authorization used = credentials.authorization();

            assertThat(credentials.rejected(used)).isTrue();
            assertThat(credentials.rejected(used)).isFalse();
            assertThat(credentials.token().value()).isEqualTo(second);
        }
        assertThat(tokenRequests()).hasSize(2);
    }

    @Test
    void nothingPrintsTheRefreshTokenOrAccessToken() {
        String jwt = vendorJwt(NOW.plus(Duration.ofHours(1)), "a");
        VENDOR.stubFor(tokenRequest(REFRESH_TOKEN).willReturn(okJson(tokenBody(jwt))));

        try (Credentials credentials = credentials(Map.of("refresh-token", REFRESH_TOKEN, "cloud-id", CLOUD_ID))) {
            String printed = credentials + " " + credentials.settings() + " " + credentials.authorization() + " "
                    + credentials.token();

            assertThat(printed).doesNotContain(REFRESH_TOKEN).doesNotContain(jwt).contains(CLOUD_ID);
        }
    }

    /** A JWT as Dotypos issues them: {@code exp} and a distinguishing {@code jti}, an opaque signature. */
    private static String vendorJwt(Instant exp, String jti) {
        return TestJwt.builder().subject("user-1").id(jti).expiresAt(exp).build();
    }
}
