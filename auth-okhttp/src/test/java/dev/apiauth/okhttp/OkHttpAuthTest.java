package dev.apiauth.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.simulator.VendorSimulator;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OkHttpAuthTest {
    private static final AuthProviders PROVIDERS = AuthProviders.discover();
    private static VendorSimulator vendors;

    private final MockWebServer api = new MockWebServer();
    private Credentials doo;
    private OkHttpClient client;

    @BeforeAll
    static void startVendors() {
        vendors = VendorSimulator.start();
    }

    @AfterAll
    static void stopVendors() {
        vendors.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        vendors.reset();
        api.start(InetAddress.getLoopbackAddress(), 0);
        doo = PROVIDERS.credentials("doo", dev.apiauth.core.Settings.of(vendors.settingsFor("doo")));
        client = OkHttpAuth.install(new OkHttpClient.Builder(), doo).build();
    }

    @AfterEach
    void tearDown() {
        api.close();
        doo.close();
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("status " + code).build();
    }

    private Response get(OkHttpClient with, String path) throws IOException {
        return with.newCall(new Request.Builder().url(api.url(path)).build()).execute();
    }

    private int call(String path) throws IOException {
        try (Response response = get(client, path)) {
            return response.code();
        }
    }

    private RecordedRequest next() throws InterruptedException {
        return api.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void addsEveryProviderHeaderToEveryCallWithOneTokenRequest() throws Exception {
        api.enqueue(status(200));
        api.enqueue(status(200));
        assertThat(call("/events")).isEqualTo(200);
        assertThat(call("/events")).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            RecordedRequest recorded = next();
            assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + doo.token().value());
            assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo(vendors.settingsFor("doo").get("api-key"));
        }
        assertThat(vendors.tokenRequests("doo")).isEqualTo(1);
    }

    @Test
    void after401RetriesOnceWithANewToken() throws Exception {
        api.enqueue(status(401));
        api.enqueue(status(200));
        try (Response response = get(client, "/events")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("status 200");
        }
        String first = next().getHeaders().get("Authorization");
        String second = next().getHeaders().get("Authorization");
        assertThat(second).isNotEqualTo(first).isEqualTo("Bearer " + doo.token().value());
        assertThat(vendors.tokenRequests("doo")).isEqualTo(2);
    }

    @Test
    void aSecond401IsReturnedToTheCallerWithoutLooping() throws Exception {
        api.enqueue(status(401));
        api.enqueue(status(401));
        api.enqueue(status(200));
        try (Response response = get(client, "/events")) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.priorResponse()).isNotNull();
        }
        assertThat(api.getRequestCount()).isEqualTo(2);
        assertThat(vendors.tokenRequests("doo")).isEqualTo(2);
    }

    @Test
    void otherErrorsAreNotRetried() throws Exception {
        api.enqueue(status(404));
        api.enqueue(status(200));
        assertThat(call("/events")).isEqualTo(404);
        assertThat(api.getRequestCount()).isEqualTo(1);
        assertThat(vendors.tokenRequests("doo")).isEqualTo(1);
    }

    @Test
    void repeatableBodiesAreResentOnRetry() throws Exception {
        api.enqueue(status(401));
        api.enqueue(status(201));
        Request post = new Request.Builder().url(api.url("/orders"))
                .post(RequestBody.create("{\"order\":1}", MediaType.get("application/json"))).build();
        try (Response response = client.newCall(post).execute()) {
            assertThat(response.code()).isEqualTo(201);
        }
        assertThat(next().getBody().utf8()).isEqualTo("{\"order\":1}");
        assertThat(next().getBody().utf8()).isEqualTo("{\"order\":1}");
    }

    @Test
    void oneShotBodiesAreNotResentButTheTokenIsStillDropped() throws Exception {
        api.enqueue(status(401));
        api.enqueue(status(201));
        RequestBody oneShot = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("text/plain");
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeUtf8("stream");
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        };
        try (Response response = client.newCall(new Request.Builder().url(api.url("/orders")).post(oneShot).build()).execute()) {
            assertThat(response.code()).isEqualTo(401);
        }
        assertThat(api.getRequestCount()).isEqualTo(1);
        assertThat(doo.peek()).as("the rejected token was dropped").isEmpty();
    }

    @Test
    void concurrentRejectionsOfOneTokenCauseOneTokenRequest() throws Exception {
        String firstToken = "Bearer " + doo.token().value();
        int calls = 4;
        CountDownLatch allSentWithFirstToken = new CountDownLatch(calls);
        api.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (firstToken.equals(request.getHeaders().get("Authorization"))) {
                    allSentWithFirstToken.countDown();
                    allSentWithFirstToken.await(5, TimeUnit.SECONDS); // all fail together
                    return status(401);
                }
                return status(200);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(pool.submit(() -> call("/events")));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(vendors.tokenRequests("doo")).as("the first token and one replacement").isEqualTo(2);
        assertThat(api.getRequestCount()).isEqualTo(2 * calls);
    }

    @Test
    void aProvidersOtherTokenExpiredStatusIsRetriedOnceByTheInterceptor() throws Exception {
        try (Credentials dotypos = PROVIDERS.credentials("dotypos", dev.apiauth.core.Settings.of(vendors.settingsFor("dotypos")))) {
            assertThat(dotypos.tokenRejectedStatuses()).contains(403);
            OkHttpClient dotyposClient = OkHttpAuth.install(new OkHttpClient.Builder(), dotypos).build();
            api.enqueue(status(403));
            api.enqueue(status(200));
            try (Response response = get(dotyposClient, "/v2/clouds")) {
                assertThat(response.code()).isEqualTo(200);
            }
            api.enqueue(status(403));
            api.enqueue(status(403));
            api.enqueue(status(200));
            try (Response response = get(dotyposClient, "/v2/clouds")) {
                assertThat(response.code()).as("the second 403 goes to the caller").isEqualTo(403);
            }
            assertThat(api.getRequestCount()).isEqualTo(4);
            assertThat(vendors.tokenRequests("dotypos")).isEqualTo(3);
        }
    }

    @Test
    void redirectsToAnotherOriginCarryNoProviderHeaders() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(InetAddress.getLoopbackAddress(), 0);
            api.enqueue(new MockResponse.Builder().code(302).setHeader("Location", elsewhere.url("/landing")).build());
            elsewhere.enqueue(status(200));
            assertThat(call("/events")).isEqualTo(200);
            assertThat(next().getHeaders().get("x-api-key")).isNotNull();
            RecordedRequest redirected = elsewhere.takeRequest(5, TimeUnit.SECONDS);
            assertThat(redirected.getHeaders().get("Authorization")).isNull();
            assertThat(redirected.getHeaders().get("x-api-key")).isNull();
        }
    }

    @Test
    void aRedirectWithinTheOriginKeepsTheHeaders() throws Exception {
        api.enqueue(new MockResponse.Builder().code(302).setHeader("Location", api.url("/moved")).build());
        api.enqueue(status(200));
        assertThat(call("/events")).isEqualTo(200);
        next();
        assertThat(next().getHeaders().get("x-api-key")).isNotNull();
    }

    @Test
    void aTokenThatCannotBeObtainedFailsTheCallWithAnAuthIOException() throws Exception {
        Map<String, String> wrong = new HashMap<>(vendors.settingsFor("doo"));
        wrong.put("client-secret", "not-the-secret-1234");
        try (Credentials refused = PROVIDERS.credentials("doo", dev.apiauth.core.Settings.of(wrong))) {
            OkHttpClient refusedClient = OkHttpAuth.install(new OkHttpClient.Builder(), refused).build();
            assertThatThrownBy(() -> get(refusedClient, "/events"))
                    .isInstanceOf(AuthIOException.class)
                    .hasCauseInstanceOf(CredentialsRejectedException.class)
                    .message().doesNotContain("not-the-secret-1234");
        }
        assertThat(api.getRequestCount()).isZero();
    }

    @Test
    void pacesEveryCallToTheProvidersBudget() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        Map<String, String> paced = new HashMap<>(vendors.settingsFor("doo"));
        paced.put("pace-requests", "true");
        try (Credentials pacedDoo = Credentials.builder(PROVIDERS.get("doo")).settings(paced)
                .clock(clock).sleeper(clock::advance).build()) {
            OkHttpClient pacedClient = OkHttpAuth.install(new OkHttpClient.Builder(), pacedDoo).build();
            Instant start = clock.instant();
            for (int i = 0; i < 3; i++) {
                api.enqueue(status(200));
                try (Response response = get(pacedClient, "/events")) {
                    assertThat(response.code()).isEqualTo(200);
                }
            }
            // doo allows 1 request/s and the token request counts: 4 requests, at least 3 s of waiting
            assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void anEnqueuedCallReportsATokenFailureToItsCallback() throws Exception {
        Map<String, String> wrong = new HashMap<>(vendors.settingsFor("doo"));
        wrong.put("client-secret", "not-the-secret-5678");
        try (Credentials refused = PROVIDERS.credentials("doo", dev.apiauth.core.Settings.of(wrong))) {
            OkHttpClient refusedClient = OkHttpAuth.install(new OkHttpClient.Builder(), refused).build();
            java.util.concurrent.CompletableFuture<IOException> failure = new java.util.concurrent.CompletableFuture<>();
            refusedClient.newCall(new Request.Builder().url(api.url("/events")).build()).enqueue(new okhttp3.Callback() {
                @Override
                public void onFailure(okhttp3.Call call, IOException e) {
                    failure.complete(e);
                }

                @Override
                public void onResponse(okhttp3.Call call, Response response) {
                    response.close();
                    failure.completeExceptionally(new AssertionError("expected a failure, got " + response.code()));
                }
            });
            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(AuthIOException.class)
                    .hasCauseInstanceOf(CredentialsRejectedException.class);
        }
    }

    @Test
    void aProviderStatusFromAnotherOriginAfterARedirectIsNotARejection() throws Exception {
        try (Credentials dotypos = PROVIDERS.credentials("dotypos", dev.apiauth.core.Settings.of(vendors.settingsFor("dotypos")));
                MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(InetAddress.getLoopbackAddress(), 0);
            OkHttpClient dotyposClient = OkHttpAuth.install(new OkHttpClient.Builder(), dotypos).build();
            api.enqueue(new MockResponse.Builder().code(302).setHeader("Location", elsewhere.url("/landing")).build());
            elsewhere.enqueue(status(403));
            try (Response response = get(dotyposClient, "/v2/clouds")) {
                assertThat(response.code()).isEqualTo(403);
            }
            assertThat(api.getRequestCount()).isEqualTo(1);
            assertThat(dotypos.peek()).as("the token was not reported rejected").isPresent();
            assertThat(vendors.tokenRequests("dotypos")).isEqualTo(1);
        }
    }

    @Test
    void a401FromAnotherOriginAfterARedirectIsNotRetriedWithTheCredentials() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(InetAddress.getLoopbackAddress(), 0);
            api.enqueue(new MockResponse.Builder().code(302).setHeader("Location", elsewhere.url("/landing")).build());
            elsewhere.enqueue(status(401));
            elsewhere.enqueue(status(200));
            assertThat(call("/events")).isEqualTo(401);
            assertThat(elsewhere.getRequestCount()).isEqualTo(1);
            assertThat(vendors.tokenRequests("doo")).isEqualTo(1);
        }
    }

    @Test
    void anAuthorizedRequestPrintsNoToken() throws Exception {
        List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        OkHttpClient printing = OkHttpAuth.install(new OkHttpClient.Builder(), doo).addNetworkInterceptor(chain -> {
            printed.add(chain.request().toString());
            return chain.proceed(chain.request());
        }).build();
        api.enqueue(status(200));
        try (Response response = get(printing, "/events")) {
            assertThat(response.code()).isEqualTo(200);
        }
        assertThat(printed).singleElement().asString()
                .contains("tags=").contains("Authorization")
                .doesNotContain(doo.token().value());
    }
}
