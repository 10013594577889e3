package dev.apiauth.provider.domo;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.domo.DomoFixtures.CLIENT_ID;
import static dev.apiauth.provider.domo.DomoFixtures.CLIENT_SECRET;
import static dev.apiauth.provider.domo.DomoFixtures.NEXT_TOKEN;
import static dev.apiauth.provider.domo.DomoFixtures.TOKEN;
import static dev.apiauth.provider.domo.DomoFixtures.success;
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

/** The wire format of Domo's token call and how its answer becomes a token, through the real engine. */
class DomoTokenRequestTest {
    private static final String DOCUMENTED_URL = "/oauth/token?grant_type=client_credentials&scope=data%20user";

    @RegisterExtension
    static WireMockExtension domo = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final TestEngine engine = new TestEngine(new DomoProvider());

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    @Test
    void getsDocumentedUrlWithBasicAuthentication() {
        stubToken(success(TOKEN, 3599));

        Map<String, String> headers = engine.credentials(settings()).headers();

        domo.verify(1, anyRequestedFor(anyUrl()));
        // urlEqualTo compares the raw request line: a '+' for the space would not match.
        domo.verify(getRequestedFor(urlEqualTo(DOCUMENTED_URL))
                .withHeader("Authorization", equalTo(basic(CLIENT_ID + ":" + CLIENT_SECRET)))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", absent()));
        assertThat(domo.getAllServeEvents()).singleElement()
                .satisfies(event -> assertThat(event.getRequest().getBodyAsString()).isEmpty());
        assertThat(headers).containsExactly(Map.entry("Authorization", "Bearer " + TOKEN));
    }

    @Test
    void omitsScopeSoTheClientsOwnScopesApply() {
        stubToken(success(TOKEN, 3599));
        Map<String, String> settings = settings();
        settings.remove("scope");

        engine.credentials(settings).token();

        domo.verify(getRequestedFor(urlEqualTo("/oauth/token?grant_type=client_credentials")));
    }

    @Test
    void joinsScopesWithEncodedSpacesWhateverTheSeparatorAndDropsDuplicates() {
        stubToken(success(TOKEN, 3599));
        Map<String, String> settings = settings();
        settings.put("scope", "data,user, audit data");

        engine.credentials(settings).token();

        domo.verify(getRequestedFor(
                urlEqualTo("/oauth/token?grant_type=client_credentials&scope=data%20user%20audit")));
    }

    @Test
    void postsFormLikeDomosSdksWhenTokenMethodIsPost() {
        stubToken(success(TOKEN, 3599));
        Map<String, String> settings = settings();
        settings.put("token-method", "post");

        engine.credentials(settings).token();

        domo.verify(1, anyRequestedFor(anyUrl()));
        domo.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo(basic(CLIENT_ID + ":" + CLIENT_SECRET)))
                .withHeader("Content-Type", matching("application/x-www-form-urlencoded(;.*)?"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=data+user")));
    }

    @Test
    void keepsCustomerRoleUserIdAndScopeAsAttributes() {
        stubToken(success(TOKEN, 3599));

        AccessToken token = engine.credentials(settings()).token();

        assertThat(token.value()).isEqualTo(TOKEN);
        assertThat(token.type()).isEqualTo("Bearer");
        assertThat(token.scopes()).containsExactly("data", "user");
        assertThat(token.attribute("customer")).contains("acmecompany");
        assertThat(token.attribute("role")).contains("Admin");
        assertThat(token.attribute("userId")).get().isInstanceOfSatisfying(Number.class,
                id -> assertThat(id.longValue()).isEqualTo(964382593L));
        assertThat(token.attribute("scope")).contains("data user");
        assertThat(token.attribute("api-base-url")).contains(domo.baseUrl());
        assertThat(token.attributes()).doesNotContainKeys("access_token", "jti", "expires_in", "token_type");
    }

    @Test
    void trustsExpiresIn() {
        stubToken(success(TOKEN, 3599));

        AccessToken token = engine.credentials(settings()).token();

        assertThat(token.issuedAt()).isEqualTo(engine.clock().instant());
        assertThat(token.lifetime()).contains(Duration.ofSeconds(3599));
    }

    @Test
    void runsTheGrantAgainOnceExpiresInHasPassed() {
        stubToken(success(TOKEN, 3599));
        Credentials credentials = engine.credentials(settings());
        Authorization first = credentials.authorization();

        engine.clock().advance(Duration.ofMinutes(50));
        assertThat(credentials.authorization()).isSameAs(first);
        domo.verify(1, anyRequestedFor(anyUrl()));

        stubToken(success(NEXT_TOKEN, 3599));
        engine.clock().advance(Duration.ofMinutes(10));

        assertThat(credentials.token().value()).isEqualTo(NEXT_TOKEN);
        domo.verify(2, getRequestedFor(urlEqualTo(DOCUMENTED_URL)));
    }

    @Test
    void replacesTokenTheApiRejectsWithInvalidToken() throws Exception {
        stubToken(success(TOKEN, 3599));
        domo.stubFor(get(urlPathEqualTo("/v1/groups")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error": "invalid_token", "error_description": "Access token expired: ..."}""")));
        domo.stubFor(get(urlPathEqualTo("/v1/groups")).withHeader("Authorization", equalTo("Bearer " + NEXT_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        Credentials credentials = engine.credentials(settings());
        credentials.token();
        stubToken(success(NEXT_TOKEN, 3599));

        HttpResponse<String> response = JdkHttpAuth.of(credentials).send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(domo.baseUrl() + "/v1/groups")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(credentials.token().value()).isEqualTo(NEXT_TOKEN);
        domo.verify(2, getRequestedFor(urlEqualTo(DOCUMENTED_URL)));
    }

    @Test
    void derivesTokenUrlFromApiBaseUrl() {
        stubToken(success(TOKEN, 3599));
        Map<String, String> settings = settings();
        settings.put("api-base-url", domo.baseUrl() + "/domo-proxy/");

        AccessToken token = engine.credentials(settings).token();

        domo.verify(getRequestedFor(urlEqualTo("/domo-proxy" + DOCUMENTED_URL)));
        assertThat(token.attribute("api-base-url")).contains(domo.baseUrl() + "/domo-proxy");
    }

    @Test
    void tokenUrlOverridesTheDerivedOne() {
        stubToken(success(TOKEN, 3599));
        Map<String, String> settings = settings();
        settings.put("api-base-url", "https://api.domo.com");
        settings.put("token-url", domo.baseUrl() + "/sandbox/token");

        AccessToken token = engine.credentials(settings).token();

        domo.verify(getRequestedFor(urlEqualTo("/sandbox/token?grant_type=client_credentials&scope=data%20user")));
        assertThat(token.attribute("api-base-url")).contains("https://api.domo.com");
    }

    @Test
    void defaultsToDomosDocumentedHost() {
        AtomicReference<EndpointRequest> sent = new AtomicReference<>();
        Map<String, String> settings = settings();
        settings.remove("api-base-url");

        AccessToken token = engine.credentials(settings, builder -> builder.tokenEndpoint(request -> {
            sent.set(request);
            return new EndpointResponse(200, Map.of("Content-Type", List.of("application/json")),
                    success(TOKEN, 3599), Optional.of(Map.of("access_token", TOKEN, "expires_in", 3599)));
        })).token();

        assertThat(sent.get().method()).isEqualTo(EndpointRequest.Method.GET);
        assertThat(sent.get().uri()).hasToString("https://api.domo.com" + DOCUMENTED_URL);
        assertThat(sent.get().body()).isEmpty();
        assertThat(token.attribute("api-base-url")).contains("https://api.domo.com");
    }

    @Test
    void secretsStayOutOfPrintedState() {
        stubToken(success(TOKEN, 3599));
        Credentials credentials = engine.credentials(settings());
        Authorization authorization = credentials.authorization();

        assertThat(List.of(credentials.toString(), credentials.settings().toString(), authorization.toString(),
                authorization.token().toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain(CLIENT_SECRET, TOKEN));
    }

    private static void stubToken(String body) {
        // Every token path the tests use ends in /token; the API paths do not.
        domo.stubFor(any(urlPathMatching(".*/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
                .withBody(body)));
    }

    private static Map<String, String> settings() {
        return DomoFixtures.settings(domo.baseUrl());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
