package dev.apiauth.provider.docoon;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.docoon.DocoonFixtures.API_KEY;
import static dev.apiauth.provider.docoon.DocoonFixtures.DOCUMENTED_BASIC_HEADER;
import static dev.apiauth.provider.docoon.DocoonFixtures.LOGIN;
import static dev.apiauth.provider.docoon.DocoonFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.jdkhttp.JdkHttpAuth;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.TokenEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Modes basic and apikey: static credentials, no token endpoint, through the real engine. */
class DocoonStaticModesTest {
    @RegisterExtension
    static WireMockExtension docoon = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final TestEngine engine = new TestEngine(new DocoonProvider());
    /** Every request a provider sends to a token endpoint; static modes must send none. */
    private final List<EndpointRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final TokenEndpoint recordingEndpoint = request -> {
        tokenRequests.add(request);
        throw new IllegalStateException("a static mode sent a token request: " + request);
    };

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    @Test
    void basicModeSendsTheDocumentedHeaderWithoutAnyTokenRequest() {
        Credentials credentials = engine.credentials(DocoonFixtures.basic(apiBaseUrl()),
                builder -> builder.tokenEndpoint(recordingEndpoint));

        assertThat(credentials.headers()).containsExactly(Map.entry("Authorization", DOCUMENTED_BASIC_HEADER));
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void basicModeTokenIsOfTypeBasicWithUnknownExpiry() {
        AccessToken token = engine.credentials(DocoonFixtures.basic(apiBaseUrl()),
                builder -> builder.tokenEndpoint(recordingEndpoint)).token();

        assertThat(token.type()).isEqualTo("Basic");
        assertThat(token.value()).isEqualTo(DOCUMENTED_BASIC_HEADER.substring("Basic ".length()));
        assertThat(token.expiresAt()).isEmpty();
        assertThat(token.attribute("api-base-url")).contains(apiBaseUrl());
    }

    @Test
    void basicModeUsesTheLoginAsGivenWithoutTheOauthDomain() {
        Map<String, String> settings = DocoonFixtures.basic(apiBaseUrl());
        settings.put("login", "msg\\" + LOGIN);

        Map<String, String> headers = engine.credentials(settings).headers();

        assertThat(headers).containsExactly(Map.entry("Authorization", basic("msg\\" + LOGIN + ":" + PASSWORD)));
    }

    @Test
    void basicModeKeepsItsCredentialsUntilTheApiRejectsThem() {
        Credentials credentials = engine.credentials(DocoonFixtures.basic(apiBaseUrl()),
                builder -> builder.tokenEndpoint(recordingEndpoint));
        Authorization first = credentials.authorization();

        engine.clock().advance(Duration.ofDays(400));

        assertThat(credentials.authorization()).isSameAs(first);
        assertThat(credentials.rejected(first)).isTrue();
        assertThat(credentials.headers()).containsExactly(Map.entry("Authorization", DOCUMENTED_BASIC_HEADER));
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void basicModeAuthorizesRestCallsAtTheApiBase() throws Exception {
        docoon.stubFor(get(urlEqualTo("/api/v1/JobTypes"))
                .withHeader("Authorization", equalTo(DOCUMENTED_BASIC_HEADER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        Credentials credentials = engine.credentials(DocoonFixtures.basic(apiBaseUrl()));
        String base = (String) credentials.token().attribute("api-base-url").orElseThrow();

        HttpResponse<String> response = JdkHttpAuth.of(credentials).send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(base + "/JobTypes")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        docoon.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void basicModeDefaultsToTheDocumentedApiBase() {
        Map<String, String> settings = DocoonFixtures.basic(apiBaseUrl());
        settings.remove("api-base-url");

        AccessToken token = engine.credentials(settings, builder -> builder.tokenEndpoint(recordingEndpoint)).token();

        assertThat(token.attribute("api-base-url")).contains("https://api.odyssey-services.fr/api/v1");
    }

    @Test
    void apiKeyModeSendsOnlyTheApiKeyHeader() {
        Credentials credentials = engine.credentials(DocoonFixtures.apiKey(),
                builder -> builder.tokenEndpoint(recordingEndpoint));

        assertThat(credentials.headers()).containsExactly(Map.entry("ApiKey", API_KEY));
        AccessToken token = credentials.token();
        assertThat(token.type()).isEqualTo("ApiKey");
        assertThat(token.expiresAt()).isEmpty();
        assertThat(token.attributes()).isEmpty();
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void apiKeyModeAuthorizesGraphqlCalls() throws Exception {
        docoon.stubFor(post(urlEqualTo("/graphql")).withHeader("ApiKey", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\": {}}")));
        Credentials credentials = engine.credentials(DocoonFixtures.apiKey());

        HttpResponse<String> response = JdkHttpAuth.of(credentials).send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(docoon.baseUrl() + "/graphql"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        docoon.verify(postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", absent()));
        docoon.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void secretsStayOutOfPrintedState() {
        Credentials basic = engine.credentials(DocoonFixtures.basic(apiBaseUrl()));
        Credentials apiKey = engine.credentials(DocoonFixtures.apiKey());
        String basicValue = DOCUMENTED_BASIC_HEADER.substring("Basic ".length());

        assertThat(List.of(basic.toString(), basic.settings().toString(), basic.authorization().toString(),
                basic.token().toString(), apiKey.toString(), apiKey.settings().toString(),
                apiKey.authorization().toString(), apiKey.token().toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD, basicValue, API_KEY));
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static String apiBaseUrl() {
        return docoon.baseUrl() + "/api/v1";
    }
}
