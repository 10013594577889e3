package dev.apiauth.provider.doo;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.doo.DooFixtures.API_KEY;
import static dev.apiauth.provider.doo.DooFixtures.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.RetryPolicy;
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

/** doo's error envelope mapped to typed exceptions that carry doo's own messages. */
class DooErrorMappingTest {
    @RegisterExtension
    static WireMockExtension doo = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final TestEngine engine = new TestEngine(new DooProvider());

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403})
    void rejectionCarriesUserAndDeveloperMessage(int status) {
        answer(json(status, """
                {"response_status": %d, "developer_message": "Client credentials are invalid",
                 "user_message": "Authentication failed", "_links": {}}""".formatted(status)));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(status);
        assertThat(rejected.errorDescription())
                .contains("Authentication failed (developer message: Client credentials are invalid)");
        assertThat(rejected.retryable()).isFalse();
        assertThat(rejected).hasMessageStartingWith("doo: ")
                .hasMessageContaining("Authentication failed")
                .hasMessageContaining("Client credentials are invalid");
        assertNoSecretIn(rejected);
        doo.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void identicalMessagesAreNotRepeated() {
        answer(json(401, """
                {"response_status": 401, "developer_message": "Unauthorized", "user_message": "Unauthorized"}"""));

        assertThat(fetchFails(CredentialsRejectedException.class).errorDescription()).contains("Unauthorized");
    }

    @Test
    void serverErrorIsTransientAndHonoursRetryAfter() {
        answer(json(503, """
                {"response_status": 503, "developer_message": "Maintenance window",
                 "user_message": "Service temporarily unavailable"}""").withHeader("Retry-After", "120"));

        TransientAuthException unavailable = fetchFails(TransientAuthException.class);

        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.status()).hasValue(503);
        assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(unavailable).hasMessageContaining("Service temporarily unavailable")
                .hasMessageContaining("Maintenance window");
        // 120 s is longer than the engine waits, so it reports instead of retrying.
        doo.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void tooManyRequestsIsTransientWithRetryAfter() {
        answer(json(429, """
                {"response_status": 429, "developer_message": "API limit exceeded",
                 "user_message": "Too many requests"}""").withHeader("Retry-After", "3600"));

        TransientAuthException limited = fetchFails(TransientAuthException.class);

        assertThat(limited.status()).hasValue(429);
        assertThat(limited.retryAfter()).contains(Duration.ofHours(1));
        assertThat(limited).hasMessageContaining("Too many requests");
    }

    @Test
    void serverErrorWithoutRetryAfterIsRetriedByTheEngine() {
        answer(json(500, """
                {"response_status": 500, "developer_message": "NullPointerException", "user_message": "Oops"}"""));

        TransientAuthException failed = catchThrowableOfType(TransientAuthException.class, () -> engine
                .credentials(DooFixtures.settings(doo.baseUrl()), builder -> builder.retryPolicy(
                        RetryPolicy.builder().maxAttempts(3).build()))
                .token());

        assertThat(failed).isNotNull().hasMessageContaining("Oops");
        doo.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void successWithoutTokenIsMalformedAndCarriesVendorMessage() {
        answer(json(200, """
                {"response_status": 200, "developer_message": "Token service degraded",
                 "user_message": "Success", "data": {"access_token": null, "refresh_token": null}}"""));

        MalformedResponseException malformed = fetchFails(MalformedResponseException.class);

        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed).hasMessageContaining("data.access_token")
                .hasMessageContaining("Token service degraded");
    }

    @Test
    void tokenOutsideTheEnvelopeIsMalformed() {
        // A plain RFC 6749 answer is not what doo sends; taking it would hide a wrong token URL.
        answer(json(200, """
                {"access_token": "top-level", "token_type": "bearer"}"""));

        assertThat(fetchFails(MalformedResponseException.class)).hasMessageContaining("data.access_token");
    }

    @Test
    void htmlAnswerIsMalformed() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>doo login</body></html>"));

        assertThat(fetchFails(MalformedResponseException.class))
                .hasMessageContaining("text/html")
                .hasMessageNotContaining("doo login");
    }

    @Test
    void redirectIsNotFollowed() {
        answer(aResponse().withStatus(301).withHeader("Location", "https://api.doo.net/v1/oauth"));

        AuthException redirected = fetchFails(AuthException.class);

        assertThat(redirected).hasMessageContaining("redirect");
        doo.verify(1, anyRequestedFor(anyUrl()));
    }

    private <T extends Throwable> T fetchFails(Class<T> type) {
        T thrown = catchThrowableOfType(type, () -> engine.credentials(DooFixtures.settings(doo.baseUrl())).token());
        assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
        return thrown;
    }

    private static void answer(ResponseDefinitionBuilder response) {
        doo.stubFor(any(anyUrl()).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void assertNoSecretIn(Throwable thrown) {
        assertThat(thrown.getMessage()).doesNotContain(CLIENT_SECRET, API_KEY);
    }
}
