package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.shapes.DocplannerShapes;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.CredentialsRejectedException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Docplanner's client credentials (Basic or body), opaque token, OAuth errors and vnd.error API answers. */
class DocplannerSimulationTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final VendorSimulator simulator = VendorSimulator.builder().clock(clock).build();
    private final Engine engine = new Engine(clock);

    @AfterEach
    void close() {
        engine.close();
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "body"})
    void issuesAFortyHexOpaqueTokenWithTheDocumentedLifetime(String clientAuthentication) {
        AccessToken token = engine.credentials("docplanner", simulator.settingsFor("docplanner", clientAuthentication))
                .token();

        assertThat(token.value()).matches("[0-9a-f]{40}");
        assertThat(token.type()).isEqualTo("Bearer");
        assertThat(token.lifetime()).contains(Duration.ofSeconds(3600));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "body"})
    void wrongSecretGetsInvalidClient(String clientAuthentication) {
        Credentials credentials = engine.credentials("docplanner",
                Settings.of(simulator.settingsFor("docplanner", clientAuthentication)).with("client-secret", "wrong"),
                UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.error()).contains("invalid_client");
        assertThat(rejected.errorDescription()).contains("The client credentials are invalid");
    }

    @Test
    void anotherScopeGetsInvalidScope() {
        Credentials credentials = engine.credentials("docplanner",
                Settings.of(simulator.settingsFor("docplanner")).with("scope", "admin"), UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.error()).contains("invalid_scope");
    }

    @Test
    void refusesTwoClientAuthenticationsInOneRequest() {
        HttpResponse<String> response = Engine.send(HttpRequest.newBuilder(tokenUri())
                .header("Authorization", ClientCredentials.basic(DocplannerShapes.DEMO_CLIENT_ID,
                        DocplannerShapes.DEMO_CLIENT_SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=integration"
                        + "&client_id=" + DocplannerShapes.DEMO_CLIENT_ID + "&client_secret="
                        + DocplannerShapes.DEMO_CLIENT_SECRET))
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Engine.json(response.body())).containsEntry("error", "invalid_request");
    }

    @Test
    void answersTheDocumentedBodyToTheDocumentedCurl() {
        // curl -u {client_id}:{client_secret} https://www.{domain}/oauth/v2/token -d 'grant_type=client_credentials&scope=integration'
        HttpResponse<String> response = Engine.send(HttpRequest.newBuilder(tokenUri())
                .header("Authorization", ClientCredentials.basic(DocplannerShapes.DEMO_CLIENT_ID,
                        DocplannerShapes.DEMO_CLIENT_SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=integration"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Engine.json(response.body()))
                .containsOnlyKeys("access_token", "expires_in", "token_type", "scope")
                .containsEntry("expires_in", 3600).containsEntry("token_type", "bearer").containsEntry("scope", null);
    }

    @Test
    void apiTellsAnExpiredTokenFromAnUnknownOneInVndError() {
        Map<String, String> headers = engine.credentials("docplanner", simulator.settingsFor("docplanner")).headers();
        simulator.expireAllTokens();

        HttpResponse<String> expired = Engine.get(simulator.apiUri("docplanner"), headers);
        HttpResponse<String> unknown = Engine.get(simulator.apiUri("docplanner"),
                Map.of("Authorization", "Bearer 03807cb390319329bdf6c777d4dfae9c0d3b3c35"));

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("Content-Type")).contains(DocplannerShapes.API_ERROR_TYPE);
        assertThat(Engine.json(expired.body()))
                .containsEntry("message", "The access token provided has expired.").containsKey("errors");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("The access token provided is invalid.");
    }

    private URI tokenUri() {
        return URI.create(simulator.settingsFor("docplanner").get("token-url"));
    }
}
