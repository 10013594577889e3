package dev.apiauth.provider.domo;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.domo.DomoFixtures.CLIENT_SECRET;
import static dev.apiauth.provider.domo.DomoFixtures.apiError;
import static dev.apiauth.provider.domo.DomoFixtures.oauthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.TransientAuthException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both of Domo's error shapes mapped to typed exceptions that carry Domo's message. */
class DomoErrorMappingTest {
    @RegisterExtension
    static WireMockExtension domo = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final TestEngine engine = new TestEngine(new DomoProvider());

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    @Test
    void oauthErrorIsRejectionWithCodeAndDescription() {
        answer(json(401, oauthError("unauthorized", "Bad credentials")));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.error()).contains("unauthorized");
        assertThat(rejected.errorDescription()).contains("Bad credentials");
        assertThat(rejected.retryable()).isFalse();
        assertThat(rejected).hasMessageStartingWith("domo: ")
                .hasMessageContaining("unauthorized: Bad credentials")
                .hasMessageNotContaining(CLIENT_SECRET);
        domo.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void scopeTheClientLacksIsRejectionNamingTheScope() {
        answer(json(400, oauthError("invalid_scope", "Invalid scope: audit")));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.error()).contains("invalid_scope");
        assertThat(rejected).hasMessageContaining("Invalid scope: audit");
    }

    @Test
    void apiErrorShapeIsRejectionWithMessageAndTraceId() {
        answer(json(401, apiError(401, "Unauthorized", "/oauth/token",
                "Full authentication is required to access this resource")));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.error()).contains("Unauthorized");
        assertThat(rejected.errorDescription())
                .contains("Full authentication is required to access this resource (toe 5QGB2UK5D1-VZ8WT-AOUKI)");
        assertThat(rejected).hasMessageContaining("Full authentication is required to access this resource")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void forbiddenApiErrorIsRejection() {
        answer(json(403, apiError(403, "Forbidden", "/oauth/token", "Client is disabled")));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.error()).contains("Forbidden");
        assertThat(rejected).hasMessageContaining("Client is disabled");
    }

    @Test
    void serverErrorIsTransientWithDomosMessageAndRetryAfter() {
        answer(json(503, apiError(503, "Service Unavailable", "/oauth/token", "Maintenance in progress"))
                .withHeader("Retry-After", "120"));

        TransientAuthException unavailable = fetchFails(TransientAuthException.class);

        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.status()).hasValue(503);
        assertThat(unavailable.retryAfter()).contains(Duration.ofMinutes(2));
        assertThat(unavailable).hasMessageContaining("Maintenance in progress");
    }

    @Test
    void tooManyRequestsIsTransient() {
        answer(json(429, apiError(429, "Too Many Requests", "/oauth/token", "Rate limit exceeded"))
                .withHeader("Retry-After", "60"));

        TransientAuthException limited = fetchFails(TransientAuthException.class);

        assertThat(limited.status()).hasValue(429);
        assertThat(limited.retryAfter()).contains(Duration.ofMinutes(1));
        assertThat(limited).hasMessageContaining("Rate limit exceeded");
    }

    @Test
    void htmlAnswerIsMalformedWithoutQuotingIt() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Domo maintenance</body></html>"));

        assertThat(fetchFails(MalformedResponseException.class))
                .hasMessageContaining("text/html")
                .hasMessageNotContaining("Domo maintenance");
    }

    @Test
    void successWithoutAccessTokenIsMalformed() {
        answer(json(200, """
                {"customer": "acmecompany", "expires_in": 3599, "token_type": "bearer"}"""));

        assertThat(fetchFails(MalformedResponseException.class)).hasMessageContaining("access_token");
    }

    @Test
    void nonNumericExpiresInIsMalformed() {
        answer(json(200, DomoFixtures.success(DomoFixtures.TOKEN, "\"soon\"")));

        assertThat(fetchFails(MalformedResponseException.class)).hasMessageContaining("expires_in")
                .hasMessageNotContaining(DomoFixtures.TOKEN);
    }

    /** Issue 13.6: a server that takes only POST answers the documented GET with 404 or 405. */
    @ParameterizedTest
    @ValueSource(ints = {404, 405})
    void getRefusedByAPostOnlyServerPointsAtTokenMethodPost(int status) {
        answer(aResponse().withStatus(status).withHeader("Allow", "POST"));

        AuthException thrown = fetchFails(AuthException.class);

        assertThat(thrown.retryable()).isFalse();
        assertThat(thrown).hasMessageContaining("HTTP " + status).hasMessageContaining("token-method=post")
                .hasMessageContaining("token URL").hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void postAnswered404PointsAtTheTokenUrlOnly() {
        answer(aResponse().withStatus(404));

        AuthException thrown = catchThrowableOfType(AuthException.class, () -> {
            java.util.Map<String, String> settings = DomoFixtures.settings(domo.baseUrl());
            settings.put("token-method", "post");
            engine.credentials(settings).token();
        });

        assertThat(thrown).hasMessageContaining("HTTP 404").hasMessageContaining("token URL")
                .hasMessageNotContaining("token-method");
    }

    @Test
    void keepsTheErrorUriAndPointsAnInvalidScopeAtTheScope() {
        answer(json(400, """
                {"error": "invalid_scope", "error_description": "Invalid scope: audit",
                 "error_uri": "https://developer.domo.com/docs/authentication/overview"}"""));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.errorUri()).contains("https://developer.domo.com/docs/authentication/overview");
        assertThat(rejected).hasMessageContaining("Check the scope setting").hasMessageNotContaining("secret");
    }

    private <T extends Throwable> T fetchFails(Class<T> type) {
        T thrown = catchThrowableOfType(type, () -> engine.credentials(DomoFixtures.settings(domo.baseUrl())).token());
        assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
        return thrown;
    }

    private static void answer(ResponseDefinitionBuilder response) {
        domo.stubFor(any(anyUrl()).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody(body);
    }
}
