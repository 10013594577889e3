package dev.apiauth.provider.docplanner;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.docplanner.DocplannerFixtures.CLIENT_ID;
import static dev.apiauth.provider.docplanner.DocplannerFixtures.CLIENT_SECRET;
import static dev.apiauth.provider.docplanner.DocplannerFixtures.TOKEN;
import static dev.apiauth.provider.docplanner.DocplannerFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire format of Docplanner's token call and how its answer becomes a token, through the real engine. */
class DocplannerTokenRequestTest {
    /** RFC 6749 §2.3.1: form-urlencoded before Base64, so ':' in the secret cannot split it. */
    private static final String AWKWARD_SECRET = "p@ss:w+rd/&=%";
    private static final String AWKWARD_SECRET_FORM_ENCODED = "p%40ss%3Aw%2Brd%2F%26%3D%25";

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
    void postsDocumentedFormWithBasicAuthentication() {
        stubToken(success(TOKEN, 3600));

        Map<String, String> headers = engine.credentials(settings()).headers();

        docplanner.verify(1, anyRequestedFor(anyUrl()));
        docplanner.verify(postRequestedFor(urlEqualTo("/oauth/v2/token"))
                .withHeader("Authorization", equalTo(basic(CLIENT_ID + ":" + CLIENT_SECRET)))
                .withHeader("Content-Type", matching("application/x-www-form-urlencoded(;.*)?"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=integration")));
        assertThat(headers).containsExactly(Map.entry("Authorization", "Bearer " + TOKEN));
    }

    @Test
    void formEncodesSecretBeforeBase64() {
        stubToken(success(TOKEN, 3600));
        Map<String, String> settings = settings();
        settings.put("client-secret", AWKWARD_SECRET);

        engine.credentials(settings).token();

        docplanner.verify(postRequestedFor(urlEqualTo("/oauth/v2/token"))
                .withHeader("Authorization", equalTo(basic(CLIENT_ID + ":" + AWKWARD_SECRET_FORM_ENCODED))));
    }

    @Test
    void sendsCredentialsInBodyWhenConfiguredLikeThePhpSdk() {
        stubToken(success(TOKEN, 3600));
        Map<String, String> settings = settings();
        settings.put("client-secret", AWKWARD_SECRET);
        settings.put("client-authentication", "body");

        engine.credentials(settings).token();

        docplanner.verify(1, anyRequestedFor(anyUrl()));
        docplanner.verify(postRequestedFor(urlEqualTo("/oauth/v2/token"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalTo("grant_type=client_credentials&scope=integration&client_id=" + CLIENT_ID
                        + "&client_secret=" + AWKWARD_SECRET_FORM_ENCODED)));
    }

    @Test
    void requestsConfiguredScope() {
        stubToken(success(TOKEN, 3600));
        Map<String, String> settings = settings();
        settings.put("scope", "integration calendar");

        engine.credentials(settings).token();

        docplanner.verify(postRequestedFor(urlEqualTo("/oauth/v2/token"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=integration+calendar")));
    }

    @Test
    void trustsExpiresIn() {
        stubToken(success(TOKEN, 3600));

        AccessToken token = engine.credentials(settings()).token();

        assertThat(token.value()).isEqualTo(TOKEN);
        assertThat(token.type()).isEqualTo("Bearer");
        assertThat(token.issuedAt()).isEqualTo(engine.clock().instant());
        assertThat(token.lifetime()).contains(Duration.ofHours(1));
        assertThat(token.scopes()).isEmpty();
    }

    @Test
    void acceptsExpiresInAsNumericString() {
        stubToken(success(TOKEN, "\"86400\""));

        assertThat(engine.credentials(settings()).token().lifetime()).contains(Duration.ofDays(1));
    }

    @Test
    void fetchesNewTokenOnceExpiresInHasPassed() {
        stubToken(success(TOKEN, 3600));
        Credentials credentials = engine.credentials(settings());
        Authorization first = credentials.authorization();

        engine.clock().advance(Duration.ofMinutes(50));
        assertThat(credentials.authorization()).isSameAs(first);
        docplanner.verify(1, anyRequestedFor(anyUrl()));

        String next = "5b7e1d2c3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d";
        stubToken(success(next, 3600));
        engine.clock().advance(Duration.ofMinutes(10));

        assertThat(credentials.token().value()).isEqualTo(next);
        docplanner.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void fetchesNewTokenAfterTheApiRejectsIt() {
        stubToken(success(TOKEN, 3600));
        Credentials credentials = engine.credentials(settings());
        Authorization first = credentials.authorization();
        String next = "5b7e1d2c3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d";
        stubToken(success(next, 3600));

        assertThat(credentials.rejected(first)).isTrue();

        assertThat(credentials.headers()).containsExactly(Map.entry("Authorization", "Bearer " + next));
    }

    @ParameterizedTest
    @ValueSource(strings = {"doctoraliar.com", "doctoralia.com.br", "doctoralia.cl", "doctoralia.co", "znamylekar.cz",
            "doctoralia.es", "miodottore.it", "doctoralia.mx", "doctoralia.pe", "doctoralia.com.pt",
            "doktortakvimi.com", "znanylekarz.pl", "jameda.de"})
    void derivesEndpointsFromDomain(String domain) {
        AtomicReference<EndpointRequest> sent = new AtomicReference<>();
        Map<String, String> settings = settings();
        settings.remove("token-url");
        settings.put("domain", domain);

        AccessToken token = engine.credentials(settings, builder -> builder.tokenEndpoint(request -> {
            sent.set(request);
            return new EndpointResponse(200, Map.of("Content-Type", List.of("application/json")),
                    success(TOKEN, 3600), Optional.of(Map.of("access_token", TOKEN, "expires_in", 3600)));
        })).token();

        assertThat(sent.get().method()).isEqualTo(EndpointRequest.Method.POST);
        assertThat(sent.get().uri()).hasToString("https://www." + domain + "/oauth/v2/token");
        assertThat(token.attributes()).containsExactly(
                Map.entry("domain", domain),
                Map.entry("api-base-url", "https://www." + domain + "/api/v3/integration"));
    }

    @Test
    void apiBaseUrlCanBeOverridden() {
        stubToken(success(TOKEN, 3600));
        Map<String, String> settings = settings();
        settings.put("api-base-url", "https://sandbox.example.test/api/v3/integration");

        assertThat(engine.credentials(settings).token().attribute("api-base-url"))
                .contains("https://sandbox.example.test/api/v3/integration");
    }

    @Test
    void secretsStayOutOfPrintedState() {
        stubToken(success(TOKEN, 3600));
        Credentials credentials = engine.credentials(settings());
        Authorization authorization = credentials.authorization();

        assertThat(List.of(credentials.toString(), credentials.settings().toString(), authorization.toString(),
                authorization.token().toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain(CLIENT_SECRET, TOKEN));
    }

    private static void stubToken(String body) {
        docplanner.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    private static Map<String, String> settings() {
        return DocplannerFixtures.settings(docplanner.baseUrl());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
