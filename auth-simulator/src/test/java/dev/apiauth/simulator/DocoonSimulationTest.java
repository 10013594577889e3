package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.shapes.DocoonShapes;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.FormEncoding;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Docoon's password grant, Basic and ApiKey modes, IdentityServer errors and the ASP.NET denial. */
class DocoonSimulationTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final VendorSimulator simulator = VendorSimulator.builder().clock(clock).build();
    private final Engine engine = new Engine(clock);

    @AfterEach
    void close() {
        engine.close();
        simulator.close();
    }

    @Test
    void settingsForDocoonUsePasswordMode() {
        assertThat(simulator.settingsFor("docoon")).isEqualTo(simulator.settingsFor("docoon", "password"))
                .containsEntry("mode", "password");
    }

    @Test
    void passwordGrantIssuesAnOpaqueTokenWithExpiresIn() {
        AccessToken token = engine.credentials("docoon", simulator.settingsFor("docoon")).token();

        assertThat(token.value()).matches("[0-9A-F]{64}");
        assertThat(token.type()).isEqualTo("Bearer");
        assertThat(token.lifetime()).contains(Duration.ofSeconds(3600));
        assertThat(token.scopes()).containsExactly("OMS");
    }

    @Test
    void wrongClientSecretGetsIdentityServersInvalidClient() {
        Credentials credentials = engine.credentials("docoon",
                Settings.of(simulator.settingsFor("docoon")).with("client-secret", "wrong"), UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.error()).contains("invalid_client");
        assertThat(rejected.errorDescription()).isEmpty();
    }

    @Test
    void wrongPasswordGetsInvalidGrant() {
        Credentials credentials = engine.credentials("docoon",
                Settings.of(simulator.settingsFor("docoon")).with("password", "wrong"), UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.error()).contains("invalid_grant");
        assertThat(rejected.errorDescription()).contains("invalid_username_or_password");
    }

    @Test
    void loginOutsideTheMsgDomainGetsInvalidGrant() {
        HttpResponse<String> withDomain = passwordGrant(DocoonShapes.LOGIN_DOMAIN + DocoonShapes.DEMO_LOGIN);
        HttpResponse<String> withoutDomain = passwordGrant(DocoonShapes.DEMO_LOGIN);

        assertThat(withDomain.statusCode()).isEqualTo(200);
        assertThat(withoutDomain.statusCode()).isEqualTo(400);
        assertThat(Engine.json(withoutDomain.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void restApiDeniesAnExpiredTokenWithTheDocumentedMessage() {
        Map<String, String> headers = engine.credentials("docoon", simulator.settingsFor("docoon")).headers();
        simulator.expireAllTokens();

        HttpResponse<String> response = Engine.get(simulator.apiUri("docoon"), headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Engine.json(response.body()))
                .containsExactly(Map.entry("Message", "Authorization has been denied for this request."));
    }

    @Test
    void basicModeChecksLoginAndPasswordOnEveryRequest() {
        Credentials good = engine.credentials("docoon", simulator.settingsFor("docoon", "basic"));
        Credentials bad = engine.credentials("docoon",
                Settings.of(simulator.settingsFor("docoon", "basic")).with("password", "wrong"), UnaryOperator.identity());

        HttpResponse<String> accepted = Engine.authorizedGet(good, simulator.apiUri("docoon", "basic"));
        HttpResponse<String> denied = Engine.authorizedGet(bad, simulator.apiUri("docoon", "basic"));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains(DocoonShapes.DENIED_MESSAGE);
        assertThat(simulator.tokenRequests("docoon")).isZero();
    }

    @Test
    void graphqlApiChecksTheApiKey() {
        HttpResponse<String> accepted = Engine.get(simulator.apiUri("docoon", "apikey"),
                Map.of("ApiKey", DocoonShapes.DEMO_API_KEY));
        HttpResponse<String> denied = Engine.get(simulator.apiUri("docoon", "apikey"), Map.of("ApiKey", "wrong"));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"jobTypes\"");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains("AUTH_NOT_AUTHENTICATED");
    }

    @Test
    void restApiDoesNotTakeTheGraphqlApiKey() {
        HttpResponse<String> response = Engine.get(simulator.apiUri("docoon"), Map.of("ApiKey", DocoonShapes.DEMO_API_KEY));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> passwordGrant(String username) {
        return Engine.send(HttpRequest.newBuilder(URI.create(simulator.settingsFor("docoon").get("token-url")))
                .header("Authorization", ClientCredentials.basic(DocoonShapes.DEMO_CLIENT_ID,
                        DocoonShapes.DEMO_CLIENT_SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.formEncode(Map.of(
                        "grant_type", "password", "scope", "OMS", "username", username,
                        "password", DocoonShapes.DEMO_PASSWORD))))
                .build());
    }
}
