package dev.apiauth.provider.docplanner;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.docplanner.DocplannerFixtures.CLIENT_SECRET;
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

/** Both of Docplanner's error shapes mapped to typed exceptions that carry the vendor's message. */
class DocplannerErrorMappingTest {
    private static final String VND_ERROR = "application/vnd.error+docplanner+json";

    @RegisterExtension
    static WireMockExtension docplanner = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final TestEngine engine = new TestEngine(new DocplannerProvider());

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    @Test
    void oauthErrorIsRejectionWithCodeAndDescription() {
        answer(error(400, "application/json", """
                {"error": "invalid_client", "error_description": "The client credentials are invalid"}"""));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.error()).contains("invalid_client");
        assertThat(rejected.errorDescription()).contains("The client credentials are invalid");
        assertThat(rejected.retryable()).isFalse();
        assertThat(rejected).hasMessageStartingWith("docplanner: ")
                .hasMessageContaining("invalid_client: The client credentials are invalid")
                .hasMessageNotContaining(CLIENT_SECRET);
        docplanner.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void oauthErrorWithoutDescriptionKeepsCode() {
        answer(error(400, "application/json", """
                {"error": "invalid_scope"}"""));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.error()).contains("invalid_scope");
        assertThat(rejected.errorDescription()).isEmpty();
    }

    @Test
    void vendorErrorIsRejectionWithVendorMessage() {
        answer(error(401, VND_ERROR, """
                {"message": "Invalid client credentials", "errors": []}"""));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.error()).isEmpty();
        assertThat(rejected.errorDescription()).contains("Invalid client credentials");
        assertThat(rejected).hasMessageContaining("Invalid client credentials").hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void vendorFieldErrorsAreCarried() {
        answer(error(400, VND_ERROR, """
                {"message": "Validation Failed",
                 "errors": {"grant_type": ["This value is not valid."], "scope": ["Unknown scope.", "Not allowed."]}}"""));

        assertThat(fetchFails(CredentialsRejectedException.class).errorDescription()).contains(
                "Validation Failed (grant_type: This value is not valid.; scope: Unknown scope., Not allowed.)");
    }

    @Test
    void vendorErrorListIsCarried() {
        answer(error(403, VND_ERROR, """
                {"message": "Forbidden", "errors": ["Client is disabled"]}"""));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.errorDescription()).contains("Forbidden (Client is disabled)");
    }

    @Test
    void serverErrorIsTransientAndHonoursRetryAfter() {
        answer(error(503, VND_ERROR, """
                {"message": "Service Unavailable", "errors": []}""").withHeader("Retry-After", "60"));

        TransientAuthException unavailable = fetchFails(TransientAuthException.class);

        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.status()).hasValue(503);
        assertThat(unavailable.retryAfter()).contains(Duration.ofMinutes(1));
        assertThat(unavailable).hasMessageContaining("Service Unavailable");
        docplanner.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void tooManyRequestsIsTransient() {
        answer(error(429, VND_ERROR, """
                {"message": "Rate limit exceeded", "errors": []}""")
                .withHeader("Retry-After", "30")
                .withHeader("X-RateLimit-Limit", "40")
                .withHeader("X-RateLimit-Remaining", "0"));

        TransientAuthException limited = fetchFails(TransientAuthException.class);

        assertThat(limited.status()).hasValue(429);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(limited).hasMessageContaining("Rate limit exceeded");
    }

    @Test
    void redirectToHttpsIsNotFollowed() {
        // Docplanner answers plain http with a 3xx; following it would resend the credentials.
        answer(aResponse().withStatus(301).withHeader("Location", docplanner.baseUrl() + "/elsewhere"));

        AuthException redirected = fetchFails(AuthException.class);

        assertThat(redirected).hasMessageContaining("redirect").hasMessageContaining("token URL");
        docplanner.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void htmlAnswerIsMalformed() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Doctoralia</body></html>"));

        assertThat(fetchFails(MalformedResponseException.class))
                .hasMessageContaining("text/html")
                .hasMessageNotContaining("Doctoralia");
    }

    @Test
    void successWithoutAccessTokenIsMalformed() {
        answer(error(200, "application/json", """
                {"expires_in": 3600, "token_type": "bearer", "scope": null}"""));

        assertThat(fetchFails(MalformedResponseException.class)).hasMessageContaining("access_token");
    }

    private <T extends Throwable> T fetchFails(Class<T> type) {
        T thrown = catchThrowableOfType(type,
                () -> engine.credentials(DocplannerFixtures.settings(docplanner.baseUrl())).token());
        assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
        return thrown;
    }

    private static void answer(ResponseDefinitionBuilder response) {
        docplanner.stubFor(any(anyUrl()).willReturn(response));
    }

    private static ResponseDefinitionBuilder error(int status, String contentType, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body);
    }
}
