package dev.apiauth.provider.docoon;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.docoon.DocoonFixtures.CLIENT_ID;
import static dev.apiauth.provider.docoon.DocoonFixtures.CLIENT_SECRET;
import static dev.apiauth.provider.docoon.DocoonFixtures.DENIED;
import static dev.apiauth.provider.docoon.DocoonFixtures.LOGIN;
import static dev.apiauth.provider.docoon.DocoonFixtures.NEXT_TOKEN;
import static dev.apiauth.provider.docoon.DocoonFixtures.PASSWORD;
import static dev.apiauth.provider.docoon.DocoonFixtures.TOKEN;
import static dev.apiauth.provider.docoon.DocoonFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.jdkhttp.JdkHttpAuth;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** Mode password: the wire format of Docoon's password grant and its lifecycle, through the real engine. */
class DocoonPasswordGrantTest {
    /** The documented form, the backslash of {@code msg\} form-encoded as %5C. */
    private static final String DOCUMENTED_BODY =
            "grant_type=password&username=msg%5C55XXX.restAPITest&password=1234567&scope=OMS";

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
    void postsTheDocumentedPasswordGrant() {
        stubToken(success(TOKEN, 3600));

        Map<String, String> headers = engine.credentials(settings()).headers();

        docoon.verify(1, anyRequestedFor(anyUrl()));
        docoon.verify(postRequestedFor(urlEqualTo("/connect/token"))
                .withHeader("Authorization", equalTo(basic(CLIENT_ID + ":" + CLIENT_SECRET)))
                .withHeader("Content-Type", matching("application/x-www-form-urlencoded(;.*)?"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalTo(DOCUMENTED_BODY)));
        assertThat(headers).containsExactly(Map.entry("Authorization", "Bearer " + TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"msg\\55XXX.restAPITest", "MSG\\55XXX.restAPITest"})
    void addsTheMsgDomainOnlyWhenTheLoginLacksIt(String login) {
        stubToken(success(TOKEN, 3600));
        Map<String, String> settings = settings();
        settings.put("login", login);

        engine.credentials(settings).token();

        docoon.verify(postRequestedFor(urlEqualTo("/connect/token")).withRequestBody(equalTo(
                "grant_type=password&username=" + login.replace("\\", "%5C") + "&password=1234567&scope=OMS")));
    }

    @Test
    void formEncodesThePassword() {
        stubToken(success(TOKEN, 3600));
        Map<String, String> settings = settings();
        settings.put("password", "p@ss w+rd&=%\\");

        engine.credentials(settings).token();

        docoon.verify(postRequestedFor(urlEqualTo("/connect/token")).withRequestBody(equalTo(
                "grant_type=password&username=msg%5C55XXX.restAPITest&password=p%40ss+w%2Brd%26%3D%25%5C&scope=OMS")));
    }

    @Test
    void formEncodesClientCredentialsBeforeBase64() {
        // RFC 6749 §2.3.1; IdentityServer URL-decodes both halves, so a raw '+' would become a space.
        stubToken(success(TOKEN, 3600));
        Map<String, String> settings = settings();
        settings.put("client-secret", "s3cr3t+/:=");

        engine.credentials(settings).token();

        docoon.verify(postRequestedFor(urlEqualTo("/connect/token"))
                .withHeader("Authorization", equalTo(basic(CLIENT_ID + ":s3cr3t%2B%2F%3A%3D"))));
    }

    @Test
    void trustsExpiresInOfTheIdentityServerResponse() {
        stubToken(success(TOKEN, 3600));

        AccessToken token = engine.credentials(settings()).token();

        assertThat(token.value()).isEqualTo(TOKEN);
        assertThat(token.type()).isEqualTo("Bearer");
        assertThat(token.issuedAt()).isEqualTo(engine.clock().instant());
        assertThat(token.lifetime()).contains(Duration.ofHours(1));
        assertThat(token.scopes()).containsExactly("OMS");
        assertThat(token.attributes()).containsExactly(Map.entry("api-base-url", docoon.baseUrl() + "/api/v1"));
    }

    @Test
    void runsThePasswordGrantAgainAtExpiryEvenWhenARefreshTokenCame() {
        stubToken("""
                {"access_token": "%s", "expires_in": 3600, "token_type": "Bearer", "scope": "OMS offline_access",
                 "refresh_token": "8C2B6A0F3E1D4C5B9A7E"}""".formatted(TOKEN));
        Credentials credentials = engine.credentials(settings());
        Authorization first = credentials.authorization();

        engine.clock().advance(Duration.ofMinutes(50));
        assertThat(credentials.authorization()).isSameAs(first);
        docoon.verify(1, anyRequestedFor(anyUrl()));

        stubToken(success(NEXT_TOKEN, 3600));
        engine.clock().advance(Duration.ofMinutes(10));

        assertThat(credentials.token().value()).isEqualTo(NEXT_TOKEN);
        docoon.verify(2, postRequestedFor(urlEqualTo("/connect/token")).withRequestBody(equalTo(DOCUMENTED_BODY)));
        docoon.verify(0, anyRequestedFor(anyUrl()).withRequestBody(containing("refresh_token")));
    }

    @Test
    void replacesTheTokenAfterTheApiDeniesAuthorization() throws Exception {
        stubToken(success(TOKEN, 3600));
        docoon.stubFor(get(urlEqualTo("/api/v1/JobTypes")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(DENIED)));
        docoon.stubFor(get(urlEqualTo("/api/v1/JobTypes")).withHeader("Authorization", equalTo("Bearer " + NEXT_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        Credentials credentials = engine.credentials(settings());
        String base = (String) credentials.token().attribute("api-base-url").orElseThrow();
        stubToken(success(NEXT_TOKEN, 3600));

        HttpResponse<String> response = JdkHttpAuth.of(credentials).send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(base + "/JobTypes")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(credentials.token().value()).isEqualTo(NEXT_TOKEN);
        docoon.verify(2, postRequestedFor(urlEqualTo("/connect/token")).withRequestBody(equalTo(DOCUMENTED_BODY)));
    }

    @Test
    void defaultsToTheDocumentedEndpoints() {
        AtomicReference<EndpointRequest> sent = new AtomicReference<>();
        Map<String, String> settings = settings();
        settings.remove("token-url");
        settings.remove("api-base-url");

        AccessToken token = engine.credentials(settings, builder -> builder.tokenEndpoint(request -> {
            sent.set(request);
            return new EndpointResponse(200, Map.of("Content-Type", List.of("application/json")),
                    success(TOKEN, 3600), Optional.of(Map.of("access_token", TOKEN, "expires_in", 3600)));
        })).token();

        assertThat(sent.get().method()).isEqualTo(EndpointRequest.Method.POST);
        assertThat(sent.get().uri()).hasToString("https://oauth.odyssey-services.fr/connect/token");
        assertThat(sent.get().body()).get().isInstanceOfSatisfying(EndpointRequest.FormBody.class,
                form -> assertThat(form.parameters()).containsEntry("scope", "OMS"));
        assertThat(token.attribute("api-base-url")).contains("https://api.odyssey-services.fr/api/v1");
    }

    @Test
    void secretsStayOutOfPrintedState() {
        stubToken(success(TOKEN, 3600));
        Credentials credentials = engine.credentials(settings());
        Authorization authorization = credentials.authorization();

        assertThat(List.of(credentials.toString(), credentials.settings().toString(), authorization.toString(),
                authorization.token().toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain(CLIENT_SECRET, PASSWORD, TOKEN));
        assertThat(credentials.settings().toString()).contains("login=" + LOGIN);
    }

    private static void stubToken(String body) {
        docoon.stubFor(post(urlEqualTo("/connect/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withHeader("Cache-Control", "no-store, no-cache, max-age=0")
                .withHeader("Pragma", "no-cache")
                .withBody(body)));
    }

    private static Map<String, String> settings() {
        return DocoonFixtures.password(docoon.baseUrl());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
