package dev.apiauth.provider.docoon;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.docoon.DocoonFixtures.CLIENT_SECRET;
import static dev.apiauth.provider.docoon.DocoonFixtures.DENIED;
import static dev.apiauth.provider.docoon.DocoonFixtures.PASSWORD;
import static dev.apiauth.provider.docoon.DocoonFixtures.oauthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.TransientAuthException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mode password: the token endpoint's OAuth and ASP.NET error shapes mapped to typed exceptions. */
class DocoonErrorMappingTest {
    @RegisterExtension
    static WireMockExtension docoon = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final TestEngine engine = new TestEngine(new DocoonProvider());

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    @Test
    void wrongLoginOrPasswordIsRejectionWithTheVendorsDescription() {
        answer(json(400, oauthError("invalid_grant", "invalid_username_or_password")));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.error()).contains("invalid_grant");
        assertThat(rejected.errorDescription()).contains("invalid_username_or_password");
        assertThat(rejected.retryable()).isFalse();
        assertThat(rejected).hasMessageStartingWith("docoon: ")
                .hasMessageContaining("invalid_grant: invalid_username_or_password")
                .hasMessageNotContaining(PASSWORD)
                .hasMessageNotContaining(CLIENT_SECRET);
        docoon.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void unknownClientIsRejectionWithTheErrorCode() {
        answer(json(400, oauthError("invalid_client", null)));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.error()).contains("invalid_client");
        assertThat(rejected.errorDescription()).isEmpty();
    }

    @Test
    void deniedAuthorizationCarriesTheVendorsMessage() {
        answer(json(401, DENIED));

        CredentialsRejectedException rejected = fetchFails(CredentialsRejectedException.class);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.error()).isEmpty();
        assertThat(rejected.errorDescription()).contains("Authorization has been denied for this request.");
        assertThat(rejected).hasMessageContaining("Authorization has been denied for this request.");
    }

    @Test
    void serverErrorIsTransientWithTheVendorsMessage() {
        answer(json(500, """
                {"Message": "An error has occurred."}""").withHeader("Retry-After", "90"));

        TransientAuthException failed = fetchFails(TransientAuthException.class);

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.status()).hasValue(500);
        assertThat(failed.retryAfter()).contains(Duration.ofSeconds(90));
        assertThat(failed).hasMessageContaining("An error has occurred.");
    }

    @Test
    void htmlAnswerIsMalformedWithoutQuotingIt() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><body>IIS Odyssey login</body></html>"));

        assertThat(fetchFails(MalformedResponseException.class))
                .hasMessageContaining("text/html")
                .hasMessageNotContaining("Odyssey login");
    }

    @Test
    void successWithoutAccessTokenIsMalformed() {
        answer(json(200, """
                {"expires_in": 3600, "token_type": "Bearer", "scope": "OMS"}"""));

        assertThat(fetchFails(MalformedResponseException.class)).hasMessageContaining("access_token");
    }

    private <T extends Throwable> T fetchFails(Class<T> type) {
        T thrown = catchThrowableOfType(type,
                () -> engine.credentials(DocoonFixtures.password(docoon.baseUrl())).token());
        assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
        return thrown;
    }

    private static void answer(ResponseDefinitionBuilder response) {
        docoon.stubFor(any(anyUrl()).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }
}
