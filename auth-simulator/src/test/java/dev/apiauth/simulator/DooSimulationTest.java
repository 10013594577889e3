package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.shapes.DooShapes;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.oauth2.Jwt;
import dev.apiauth.testing.MutableClock;
import dev.apiauth.testing.TestJwt;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** doo's envelope, JWT, API key and errors, seen by the doo provider and on the wire. */
class DooSimulationTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final VendorSimulator simulator = VendorSimulator.builder().clock(clock)
            .tokenLifetime("doo", Duration.ofMinutes(20)).build();
    private final Engine engine = new Engine(clock);

    @AfterEach
    void close() {
        engine.close();
        simulator.close();
    }

    private Settings settings() {
        return Settings.of(simulator.settingsFor("doo"));
    }

    @Test
    void issuesAJwtWhoseExpIsTheConfiguredLifetime() {
        AccessToken token = engine.credentials("doo", simulator.settingsFor("doo")).token();

        assertThat(TestJwt.decode(token.value()).header()).contains("\"alg\":\"HS256\"");
        Map<String, Object> claims = Jwt.claims(token.value(), JacksonJson.INSTANCE).orElseThrow();
        assertThat(claims).containsEntry("sub", DooShapes.DEMO_CLIENT_ID);
        assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(START.plus(Duration.ofMinutes(20)).getEpochSecond());
        assertThat(token.expiresAt()).contains(START.plus(Duration.ofMinutes(20)));
    }

    @Test
    void answersTheDocumentedEnvelopeToTheDocumentedRequest() {
        HttpResponse<String> response = Engine.send(HttpRequest.newBuilder(URI.create(
                        simulator.settingsFor("doo").get("api-base-url") + "/oauth"))
                .header("Content-Type", "application/json")
                .header("x-api-key", DooShapes.DEMO_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\": \"" + DooShapes.DEMO_CLIENT_ID
                        + "\", \"client_secret\": \"" + DooShapes.DEMO_CLIENT_SECRET
                        + "\", \"grant_type\": \"client_credentials\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        Map<String, Object> envelope = Engine.json(response.body());
        assertThat(envelope).containsEntry("response_status", 200).containsEntry("user_message", "Success")
                .containsKeys("developer_message", "_links");
        assertThat(Engine.json(JacksonJson.INSTANCE.write(envelope.get("data")))).containsEntry("refresh_token", null).containsKey("access_token");
    }

    @Test
    void wrongSecretIsRejectedWithDoosMessages() {
        Credentials credentials = engine.credentials("doo", settings().with("client-secret", "not-the-secret"),
                UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.getMessage())
                .contains("Authentication failed. Please check your client credentials.")
                .contains("Invalid client credentials")
                .doesNotContain("not-the-secret");
    }

    @Test
    void wrongApiKeyIsRefusedAtTheTokenEndpoint() {
        Credentials credentials = engine.credentials("doo", settings().with("api-key", "someone-elses-key"),
                UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.getMessage()).contains("x-api-key");
    }

    @Test
    void apiWantsTheApiKeyBesideTheBearerToken() {
        Credentials credentials = engine.credentials("doo", simulator.settingsFor("doo"));
        String authorization = credentials.headers().get("Authorization");

        HttpResponse<String> withoutKey = Engine.get(simulator.apiUri("doo"), Map.of("Authorization", authorization));
        HttpResponse<String> withBoth = Engine.get(simulator.apiUri("doo"), credentials.headers());

        assertThat(withoutKey.statusCode()).isEqualTo(403);
        assertThat(withBoth.statusCode()).isEqualTo(200);
        assertThat(credentials.headers()).containsEntry("x-api-key", DooShapes.DEMO_API_KEY);
    }

    @Test
    void apiRejectsAnExpiredTokenInTheEnvelope() {
        Map<String, String> headers = engine.credentials("doo", simulator.settingsFor("doo")).headers();
        simulator.expireAllTokens();

        HttpResponse<String> response = Engine.get(simulator.apiUri("doo"), headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(DooShapes.tokenRejected().body());
        assertThat(Engine.json(response.body())).containsEntry("response_status", 401)
                .containsKeys("user_message", "developer_message").doesNotContainKey("data");
    }

    @Test
    void refusesAFormBodyAsDooDoes() {
        HttpResponse<String> response = Engine.send(HttpRequest.newBuilder(URI.create(
                        simulator.settingsFor("doo").get("api-base-url") + "/oauth"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("x-api-key", DooShapes.DEMO_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + DooShapes.DEMO_CLIENT_ID + "&client_secret="
                        + DooShapes.DEMO_CLIENT_SECRET + "&grant_type=client_credentials"))
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("application/json");
    }
}
