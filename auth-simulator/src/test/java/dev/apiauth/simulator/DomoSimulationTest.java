package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.shapes.DomoShapes;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.Jwt;
import dev.apiauth.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Domo's GET (documented) and POST grant, its JWT and attributes, Spring-style errors and invalid_token. */
class DomoSimulationTest {
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
    @ValueSource(strings = {"get", "post"})
    void issuesAJwtWithDomosAttributes(String tokenMethod) {
        AccessToken token = engine.credentials("domo", simulator.settingsFor("domo", tokenMethod)).token();

        assertThat(token.lifetime()).contains(Duration.ofSeconds(3599));
        assertThat(token.attributes()).containsEntry("customer", DomoShapes.DEMO_CUSTOMER)
                .containsEntry("role", DomoShapes.DEMO_ROLE)
                .containsEntry("scope", "data user");
        assertThat(((Number) token.attributes().get("userId")).longValue()).isEqualTo(DomoShapes.DEMO_USER_ID);
        assertThat(token.scopes()).containsExactly("data", "user");
        Map<String, Object> claims = Jwt.claims(token.value(), JacksonJson.INSTANCE).orElseThrow();
        assertThat(claims).containsEntry("client_id", DomoShapes.DEMO_CLIENT_ID).containsEntry("scope", List.of("data", "user"));
        assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(START.plusSeconds(3599).getEpochSecond());
    }

    @Test
    void answersTheDocumentedGetWithQueryAndBasic() {
        HttpResponse<String> response = Engine.send(HttpRequest.newBuilder(URI.create(
                        simulator.settingsFor("domo").get("api-base-url")
                                + "/oauth/token?grant_type=client_credentials&scope=data%20user"))
                .header("Authorization", ClientCredentials.basic(DomoShapes.DEMO_CLIENT_ID, DomoShapes.DEMO_CLIENT_SECRET))
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Engine.json(response.body()))
                .containsOnlyKeys("access_token", "customer", "expires_in", "jti", "role", "scope", "token_type", "userId")
                .containsEntry("expires_in", 3599).containsEntry("token_type", "bearer");
    }

    @Test
    void withoutScopeGrantsEveryScopeOfTheClient() {
        Map<String, String> settings = new HashMap<>(simulator.settingsFor("domo"));
        settings.remove("scope");

        AccessToken token = engine.credentials("domo", settings).token();

        assertThat(token.scopes()).containsExactlyElementsOf(DomoShapes.DEMO_SCOPES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "post"})
    void wrongSecretGetsBadCredentials(String tokenMethod) {
        Credentials credentials = engine.credentials("domo",
                Settings.of(simulator.settingsFor("domo", tokenMethod)).with("client-secret", "0000"),
                UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.error()).contains("unauthorized");
        assertThat(rejected.errorDescription()).contains("Bad credentials");
    }

    @Test
    void scopeTheClientWasNotCreatedWithGetsInvalidScope() {
        Credentials credentials = engine.credentials("domo",
                Settings.of(simulator.settingsFor("domo")).with("scope", "data audit"), UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.error()).contains("invalid_scope");
        assertThat(rejected.errorDescription()).contains("Invalid scope: audit");
    }

    @Test
    void apiAnswersInvalidTokenOnceExpired() {
        Map<String, String> headers = engine.credentials("domo", simulator.settingsFor("domo")).headers();
        simulator.expireAllTokens();

        HttpResponse<String> response = Engine.get(simulator.apiUri("domo"), headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Engine.json(response.body()))
                .containsEntry("error", "invalid_token").containsEntry("error_description", "Access token expired");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer").contains("invalid_token"));
    }

    @Test
    void apiRefusesATokenWithoutTheUserScopeInDomosErrorShape() {
        Map<String, String> headers = engine.credentials("domo",
                Settings.of(simulator.settingsFor("domo")).with("scope", "data"), UnaryOperator.identity()).headers();

        HttpResponse<String> response = Engine.get(simulator.apiUri("domo"), headers);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Engine.json(response.body()))
                .containsKeys("status", "statusReason", "path", "message", "toe");
    }
}
