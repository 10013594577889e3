package dev.apiauth.core.httpclient5;

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
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthExecChainHandlerTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private Credentials credentials;
    private CloseableHttpClient client;

    @BeforeEach
    void setUp() {
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"first\",\"token_type\":\"bearer\",\"expires_in\":3600}"))
                .willSetStateTo("second"));
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"second\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        credentials = Credentials.builder(new OAuthTestProvider())
                .settings(Map.of("client-id", "app", "client-secret", OAuthTestProvider.CLIENT_SECRET,
                        "token-url", server.baseUrl() + "/token"))
                .build();
        client = AuthExecChainHandler.install(HttpClients.custom(), credentials).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        credentials.close();
    }

    private int call(String path) throws Exception {
        return client.execute(new HttpGet(server.baseUrl() + path), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    @Test
    void addsTheProviderHeadersToEveryRequest() throws Exception {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(200)));
        assertThat(call("/api")).isEqualTo(200);
        assertThat(call("/api")).isEqualTo(200);
        server.verify(2, getRequestedFor(urlEqualTo("/api")).withHeader("Authorization", equalTo("Bearer first")));
        server.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void after401FetchesOneNewTokenAndRetriesOnce() throws Exception {
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer first")).willReturn(aResponse().withStatus(401)));
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer second")).willReturn(aResponse().withStatus(200)));
        assertThat(call("/api")).isEqualTo(200);
        server.verify(2, postRequestedFor(urlEqualTo("/token")));
        server.verify(2, getRequestedFor(urlEqualTo("/api")));
    }

    @Test
    void aSecond401IsReturnedToTheCallerWithoutLooping() throws Exception {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(401)));
        assertThat(call("/api")).isEqualTo(401);
        server.verify(2, postRequestedFor(urlEqualTo("/token")));
        server.verify(2, getRequestedFor(urlEqualTo("/api")));
    }

    @Test
    void aProviderDeclaredStatusAlsoMeansTokenExpired() throws Exception {
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer first")).willReturn(aResponse().withStatus(403)));
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer second")).willReturn(aResponse().withStatus(200)));
        assertThat(call("/api")).isEqualTo(200);
    }

    @Test
    void otherErrorsAreNotRetried() throws Exception {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(404)));
        assertThat(call("/api")).isEqualTo(404);
        server.verify(1, getRequestedFor(urlEqualTo("/api")));
        server.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void repeatableBodiesAreResentOnRetry() throws Exception {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api")
                .withHeader("Authorization", equalTo("Bearer first")).willReturn(aResponse().withStatus(401)));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api")
                .withHeader("Authorization", equalTo("Bearer second")).willReturn(aResponse().withStatus(201)));
        HttpPost request = new HttpPost(server.baseUrl() + "/api");
        request.setEntity(new StringEntity("{\"order\":1}", ContentType.APPLICATION_JSON));
        int status = client.execute(request, response -> response.getCode());
        assertThat(status).isEqualTo(201);
        server.verify(2, postRequestedFor(urlEqualTo("/api")).withRequestBody(equalTo("{\"order\":1}")));
    }

    @Test
    void nonRepeatableBodiesAreNotResent() throws Exception {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api").willReturn(aResponse().withStatus(401)));
        HttpPost request = new HttpPost(server.baseUrl() + "/api");
        request.setEntity(new InputStreamEntity(new ByteArrayInputStream("stream".getBytes()), ContentType.TEXT_PLAIN));
        int status = client.execute(request, response -> response.getCode());
        assertThat(status).isEqualTo(401);
        server.verify(1, postRequestedFor(urlEqualTo("/api")));
        assertThat(credentials.peek()).as("the rejected token was still dropped").isEmpty();
    }

    @Test
    void redirectsDoNotCarryTheCredentials() throws Exception {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(302).withHeader("Location", server.baseUrl() + "/elsewhere")));
        server.stubFor(get("/elsewhere").willReturn(aResponse().withStatus(200)));
        assertThat(call("/api")).isEqualTo(200);
        server.verify(1, getRequestedFor(urlEqualTo("/elsewhere")).withoutHeader("Authorization"));
    }
}
