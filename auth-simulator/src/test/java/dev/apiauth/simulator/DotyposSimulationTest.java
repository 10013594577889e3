package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.store.InMemorySecretStore;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.provider.dotypos.DotyposConsent;
import dev.apiauth.spi.consent.ConsentRequest;
import dev.apiauth.spi.consent.ConsentResult;
import dev.apiauth.shapes.DotyposShapes;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.FormEncoding;
import dev.apiauth.spi.oauth2.Jwt;
import dev.apiauth.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dotypos' connector page (legacy GET and signed v2 form) driven by the provider's {@link DotyposConsent},
 * the refresh-token exchange, and the API's 403.
 */
class DotyposSimulationTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback?app=demo");

    private final MutableClock clock = new MutableClock(START);
    private final VendorSimulator simulator = VendorSimulator.builder().clock(clock).build();
    private final Engine engine = new Engine(clock);

    @AfterEach
    void close() {
        engine.close();
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "v2"})
    void consentRedirectsToTheRedirectUriWithTokenCloudIdAndState(String flavour) {
        ConsentRequest request = consent(flavour, clock).begin();

        HttpResponse<String> response = open(request);

        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT + "&token=");
        ConsentResult result = DotyposConsent.parseCallback(location, request.state());
        assertThat(result.secrets().get("refresh-token").reveal()).isEqualTo(DotyposShapes.DEMO_REFRESH_TOKEN);
        assertThat(result.settings().get("cloud-id")).isEqualTo(DotyposShapes.DEMO_CLOUD_ID);
    }

    @Test
    void theConsentsRefreshTokenObtainsAccessTokensThroughTheEngine() {
        ConsentRequest request = consent("v2", clock).begin();
        ConsentResult result = DotyposConsent.parseCallback(
                URI.create(open(request).headers().firstValue("Location").orElseThrow()), request.state());
        InMemorySecretStore store = new InMemorySecretStore();
        result.saveTo(store);
        Map<String, String> settings = new HashMap<>(simulator.settingsFor("dotypos"));
        settings.remove("refresh-token");
        settings.put("cloud-id", result.settings().get("cloud-id"));

        Credentials credentials = engine.credentials("dotypos", Settings.of(settings),
                builder -> builder.secretStore(store));
        HttpResponse<String> products = Engine.authorizedGet(credentials, simulator.apiUri("dotypos"));

        assertThat(products.statusCode()).as(products.body()).isEqualTo(200);
        assertThat(products.body()).contains("\"_cloudId\":" + DotyposShapes.DEMO_CLOUD_ID);
        assertThat(Jwt.claims(credentials.token().value(), JacksonJson.INSTANCE).orElseThrow()).containsEntry("cloudId", DotyposShapes.DEMO_CLOUD_ID);
    }

    @Test
    void legacyConsentRefusesAWrongClientSecret() {
        Map<String, String> settings = new HashMap<>(simulator.settingsFor("dotypos"));
        settings.put("client-secret", "wrong");
        ConsentRequest request = DotyposConsent.builder(
                Settings.of(settings).validate(Engine.PROVIDERS.get("dotypos")), REDIRECT).clock(clock).build().begin();

        HttpResponse<String> response = open(request);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
    }

    @Test
    void signedConsentRefusesASignatureMadeWithAnotherSecret() {
        Map<String, String> settings = new HashMap<>(simulator.settingsFor("dotypos", "v2"));
        settings.put("client-secret", "wrong");
        ConsentRequest request = DotyposConsent.builder(
                Settings.of(settings).validate(Engine.PROVIDERS.get("dotypos")), REDIRECT).clock(clock).build().begin();

        HttpResponse<String> response = open(request);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Invalid signature");
    }

    @Test
    void signedConsentRefusesATimestampOlderThanFiveMinutes() {
        Clock tenMinutesAgo = Clock.fixed(START.minus(Duration.ofMinutes(10)), ZoneOffset.UTC);

        HttpResponse<String> stale = open(consent("v2", tenMinutesAgo).begin());
        HttpResponse<String> fresh = open(consent("v2",
                Clock.fixed(START.minus(Duration.ofMinutes(4)), ZoneOffset.UTC)).begin());

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("expired");
        assertThat(fresh.statusCode()).isEqualTo(302);
    }

    @Test
    void consentWithoutStateRedirectsWithoutState() {
        URI legacy = URI.create(simulator.dotyposConsentUri() + "?client_id=" + DotyposShapes.DEMO_CLIENT_ID
                + "&client_secret=" + DotyposShapes.DEMO_CLIENT_SECRET + "&scope=*&redirect_uri="
                + FormEncoding.percentEncode("https://app.example/callback"));

        HttpResponse<String> response = Engine.get(legacy, Map.of());

        assertThat(response.headers().firstValue("Location")).contains("https://app.example/callback?token="
                + DotyposShapes.DEMO_REFRESH_TOKEN + "&cloudid=" + DotyposShapes.DEMO_CLOUD_ID);
    }

    @Test
    void wrongRefreshTokenIsRejected() {
        Credentials credentials = engine.credentials("dotypos",
                Settings.of(simulator.settingsFor("dotypos")).with("refresh-token", "revoked-token"),
                UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.getMessage()).contains("Invalid or revoked refresh token").doesNotContain("revoked-token");
    }

    @Test
    void anotherCloudIsForbidden() {
        Credentials credentials = engine.credentials("dotypos",
                Settings.of(simulator.settingsFor("dotypos")).with("cloud-id", "424242"), UnaryOperator.identity());

        CredentialsRejectedException rejected = catchThrowableOfType(CredentialsRejectedException.class,
                credentials::token);

        assertThat(rejected.status()).isEqualTo(403);
    }

    @Test
    void cloudIdSentAsANumberIsAccepted() {
        AccessToken token = engine.credentials("dotypos",
                Settings.of(simulator.settingsFor("dotypos")).with("cloud-id-as-number", "true"),
                UnaryOperator.identity()).token();

        assertThat(Jwt.claims(token.value(), JacksonJson.INSTANCE).orElseThrow()).containsEntry("cloudId", DotyposShapes.DEMO_CLOUD_ID);
    }

    @Test
    void aTokenWithoutCloudCanOnlyListClouds() {
        Map<String, String> settings = new HashMap<>(simulator.settingsFor("dotypos"));
        settings.remove("cloud-id");
        Map<String, String> headers = engine.credentials("dotypos", settings).headers();

        HttpResponse<String> clouds = Engine.get(URI.create(settings.get("api-base-url") + "/clouds"), headers);
        HttpResponse<String> products = Engine.get(simulator.apiUri("dotypos"), headers);

        assertThat(clouds.statusCode()).isEqualTo(200);
        assertThat(clouds.body()).contains("\"_id\":" + DotyposShapes.DEMO_CLOUD_ID);
        assertThat(products.statusCode()).isEqualTo(403);
    }

    @Test
    void tokenEndpointRejectsAFormBody() {
        HttpResponse<String> response = Engine.send(HttpRequest.newBuilder(
                        URI.create(simulator.settingsFor("dotypos").get("token-url")))
                .header("Authorization", "User " + DotyposShapes.DEMO_REFRESH_TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_cloudId=" + DotyposShapes.DEMO_CLOUD_ID))
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("must be JSON");
    }

    @Test
    void apiAnswers403ToAnExpiredToken() {
        Map<String, String> headers = engine.credentials("dotypos", simulator.settingsFor("dotypos")).headers();
        simulator.expireAllTokens();

        HttpResponse<String> response = Engine.get(simulator.apiUri("dotypos"), headers);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(DotyposShapes.accessDenied().body());
    }

    private DotyposConsent consent(String flavour, Clock consentClock) {
        return DotyposConsent.builder(Settings.of(simulator.settingsFor("dotypos", flavour))
                        .validate(Engine.PROVIDERS.get("dotypos")), REDIRECT)
                .clock(consentClock)
                .build();
    }

    /** What the browser does: GET the legacy URL, or POST the v2 form; redirects are not followed. */
    private static HttpResponse<String> open(ConsentRequest request) {
        if (request.method().equals("GET")) {
            return Engine.get(request.url(), Map.of());
        }
        return Engine.send(HttpRequest.newBuilder(request.url())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.formEncode(request.formFields())))
                .build());
    }
}
