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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.OAuthTestProvider;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncAuthExecChainHandlerTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private final List<String> retryThreads = new CopyOnWriteArrayList<>();
    private final Executor recordingExecutor = command -> {
        Thread thread = new Thread(() -> {
            retryThreads.add(Thread.currentThread().getName());
            command.run();
        }, "apiauth-test-retry");
        thread.start();
    };
    private Credentials credentials;
    private CloseableHttpAsyncClient client;

    @BeforeEach
    void setUp() {
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"first\",\"token_type\":\"bearer\",\"expires_in\":3600}"))
                .willSetStateTo("second"));
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"second\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        credentials = account(Map.of()).build();
        client = AsyncAuthExecChainHandler.install(HttpAsyncClients.custom(), credentials, recordingExecutor).build();
        client.start();
    }

    private static Credentials.Builder account(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("client-id", "app",
                "client-secret", OAuthTestProvider.CLIENT_SECRET, "token-url", server.baseUrl() + "/token"));
        settings.putAll(extra);
        return Credentials.builder(new OAuthTestProvider()).settings(settings);
    }

    @AfterEach
    void tearDown() {
        client.close(CloseMode.GRACEFUL);
        credentials.close();
    }

    private SimpleHttpResponse send(SimpleHttpRequest request) throws Exception {
        return client.execute(request, null).get(10, TimeUnit.SECONDS);
    }

    private int call(String path) throws Exception {
        return send(SimpleRequestBuilder.get(server.baseUrl() + path).build()).getCode();
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
    void keepsTheCallersOwnHeadersAndLeavesTheCallersRequestUntouched() throws Exception {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(200)));
        SimpleHttpRequest request = SimpleRequestBuilder.get(server.baseUrl() + "/api").addHeader("X-Trace", "42").build();
        assertThat(send(request).getCode()).isEqualTo(200);
        server.verify(getRequestedFor(urlEqualTo("/api")).withHeader("X-Trace", equalTo("42"))
                .withHeader("Authorization", equalTo("Bearer first")));
        assertThat(request.containsHeader("Authorization")).isFalse();
    }

    @Test
    void after401FetchesOneNewTokenAndRetriesOnceOffTheIoThreads() throws Exception {
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer first"))
                .willReturn(aResponse().withStatus(401).withBody("expired")));
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer second"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        SimpleHttpResponse response = send(SimpleRequestBuilder.get(server.baseUrl() + "/api").build());
        assertThat(response.getCode()).isEqualTo(200);
        assertThat(response.getBodyText()).isEqualTo("ok");
        server.verify(2, postRequestedFor(urlEqualTo("/token")));
        server.verify(2, getRequestedFor(urlEqualTo("/api")));
        assertThat(retryThreads).as("the retry ran on the given executor").containsExactly("apiauth-test-retry");
    }

    @Test
    void aSecond401IsReturnedToTheCallerWithoutLooping() throws Exception {
        server.stubFor(get("/api").willReturn(aResponse().withStatus(401).withBody("still no")));
        SimpleHttpResponse response = send(SimpleRequestBuilder.get(server.baseUrl() + "/api").build());
        assertThat(response.getCode()).isEqualTo(401);
        assertThat(response.getBodyText()).isEqualTo("still no");
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
        assertThat(retryThreads).isEmpty();
    }

    @Test
    void repeatableBodiesAreResentOnRetry() throws Exception {
        server.stubFor(post("/api").withHeader("Authorization", equalTo("Bearer first")).willReturn(aResponse().withStatus(401)));
        server.stubFor(post("/api").withHeader("Authorization", equalTo("Bearer second")).willReturn(aResponse().withStatus(201)));
        SimpleHttpRequest request = SimpleRequestBuilder.post(server.baseUrl() + "/api")
                .setBody("{\"order\":1}", ContentType.APPLICATION_JSON).build();
        assertThat(send(request).getCode()).isEqualTo(201);
        server.verify(2, postRequestedFor(urlEqualTo("/api")).withRequestBody(equalTo("{\"order\":1}")));
    }

    @Test
    void nonRepeatableBodiesAreNotResent() throws Exception {
        server.stubFor(post("/api").willReturn(aResponse().withStatus(401)));
        var producer = AsyncRequestBuilder.post(server.baseUrl() + "/api")
                .setEntity(new OneShot(AsyncEntityProducers.create("stream", ContentType.TEXT_PLAIN))).build();
        SimpleHttpResponse response = client.execute(producer, SimpleResponseConsumer.create(), null)
                .get(10, TimeUnit.SECONDS);
        assertThat(response.getCode()).isEqualTo(401);
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

    @Test
    void aTokenFailureFailsTheFutureWithTheAuthException() {
        server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\"}")));
        credentials.invalidate();
        var future = client.execute(SimpleRequestProducer.create(SimpleRequestBuilder.get(server.baseUrl() + "/api").build()),
                SimpleResponseConsumer.create(), null);
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CredentialsRejectedException.class)
                .message().doesNotContain(OAuthTestProvider.CLIENT_SECRET);
        server.verify(0, getRequestedFor(urlEqualTo("/api")));
    }

    @Test
    void pacesEveryAttemptToTheProvidersBudget() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        server.stubFor(get("/api").willReturn(aResponse().withStatus(200)));
        try (Credentials paced = account(Map.of("client-id", "async-paced", "requests-per-second", "1"))
                        .clock(clock).sleeper(wait -> {
                            waits.add(wait);
                            clock.advance(wait);
                        }).build();
                CloseableHttpAsyncClient pacedClient = AsyncAuthExecChainHandler.install(HttpAsyncClients.custom(), paced).build()) {
            pacedClient.start();
            Instant start = clock.instant();
            for (int i = 0; i < 3; i++) {
                assertThat(pacedClient.execute(SimpleRequestBuilder.get(server.baseUrl() + "/api").build(), null)
                        .get(10, TimeUnit.SECONDS).getCode()).isEqualTo(200);
            }
            // token request + 3 API requests at 1/s: at least 3 s waited for the budget
            assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(waits).isNotEmpty();
        }
    }

    @Test
    void concurrentRejectionsOfOneTokenCauseOneTokenRequest() throws Exception {
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer first")).willReturn(aResponse().withStatus(401)));
        server.stubFor(get("/api").withHeader("Authorization", equalTo("Bearer second")).willReturn(aResponse().withStatus(200)));
        credentials.token(); // "first": every request sent before the rejection is reported carries it
        List<java.util.concurrent.Future<SimpleHttpResponse>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(client.execute(SimpleRequestBuilder.get(server.baseUrl() + "/api").build(), null));
        }
        for (var response : responses) {
            assertThat(response.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(200);
        }
        server.verify(2, postRequestedFor(urlEqualTo("/token")));
    }

    /** A body that can be sent once (like a stream): the handler must not resend it. */
    private record OneShot(AsyncEntityProducer delegate) implements AsyncEntityProducer {
        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public void failed(Exception cause) {
            delegate.failed(cause);
        }

        @Override
        public long getContentLength() {
            return delegate.getContentLength();
        }

        @Override
        public String getContentType() {
            return delegate.getContentType();
        }

        @Override
        public String getContentEncoding() {
            return delegate.getContentEncoding();
        }

        @Override
        public boolean isChunked() {
            return delegate.isChunked();
        }

        @Override
        public Set<String> getTrailerNames() {
            return delegate.getTrailerNames();
        }

        @Override
        public int available() {
            return delegate.available();
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            delegate.produce(channel);
        }

        @Override
        public void releaseResources() {
            delegate.releaseResources();
        }
    }
}
