package dev.apiauth.core.jdkhttp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.OAuthTestProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdkHttpAuthTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private final HttpClient client = HttpClient.newHttpClient();
    private Credentials credentials;
    private JdkHttpAuth auth;

    @BeforeEach
    void setUp() {
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"first\",\"token_type\":\"Bearer\",\"expires_in\":3600}"))
                .willSetStateTo("second"));
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"second\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        credentials = Credentials.builder(new OAuthTestProvider())
                .settings(Map.of("client-id", "app", "client-secret", OAuthTestProvider.CLIENT_SECRET,
                        "token-url", server.baseUrl() + "/token"))
                .build();
        auth = JdkHttpAuth.of(credentials);
    }

    @AfterEach
    void tearDown() {
        credentials.close();
    }

    private HttpRequest api() {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api")).header("Authorization", "stale").GET().build();
    }

    @Test
    void replacesAnyAuthorizationHeaderWithTheCurrentToken() throws Exception {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(200).withBody("ok")));
        HttpResponse<String> response = auth.send(client, api(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("ok");
        server.verify(getRequestedFor(urlEqualTo("/api")).withHeader("Authorization", equalTo("Bearer first")));
        assertThat(auth.authorize(api()).headers().allValues("Authorization")).containsExactly("Bearer first");
    }

    @Test
    void after401ResendsOnceWithANewToken() throws Exception {
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer first")).willReturn(aResponse().withStatus(401)));
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer second")).willReturn(aResponse().withStatus(200)));
        assertThat(auth.send(client, api(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        server.verify(2, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void aSecond401SurfacesWithoutLooping() throws Exception {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(401)));
        assertThat(auth.send(client, api(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        server.verify(2, getRequestedFor(urlEqualTo("/api")));
    }

    @Test
    void asyncSendRetriesOnceToo() throws Exception {
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer first")).willReturn(aResponse().withStatus(401)));
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer second")).willReturn(aResponse().withStatus(200)));
        assertThat(auth.sendAsync(client, api(), HttpResponse.BodyHandlers.discarding()).get(10, TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
    }
}
