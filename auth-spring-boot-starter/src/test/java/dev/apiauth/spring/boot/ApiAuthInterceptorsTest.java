package dev.apiauth.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.Credentials;
import dev.apiauth.simulator.VendorSimulator;
import dev.apiauth.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/** The interceptors in a real application context, against the Domo simulation and a loopback API. */
class ApiAuthInterceptorsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static VendorSimulator simulator;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApiAuthAutoConfiguration.class));

    @BeforeAll
    static void startSimulator() {
        simulator = VendorSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    private static String[] account(String account, String providerId, Map<String, String> settings) {
        List<String> properties = new ArrayList<>();
        properties.add("apiauth.accounts." + account + ".provider=" + providerId);
        settings.forEach((name, value) -> properties.add("apiauth.accounts." + account + ".settings." + name + "=" + value));
        return properties.toArray(String[]::new);
    }

    private ApplicationContextRunner withDomo() {
        return runner.withPropertyValues(account("reporting", "domo", simulator.settingsFor("domo")));
    }

    private static RestClient restClient(ApplicationContext context) {
        return RestClient.builder().apply(context.getBean(ApiAuthInterceptors.class).restClient("reporting")).build();
    }

    private static String exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((sent, response) -> response.getStatusCode().value() + ":"
                + new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static WebClient webClient(ApplicationContext context) {
        return WebClient.builder().clientConnector(new JdkClientHttpConnector())
                .filter(context.getBean(ApiAuthExchangeFilters.class).forAccount("reporting")).build();
    }

    private static String exchange(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                .map(body -> response.statusCode().value() + ":" + body)).block(TIMEOUT);
    }

    @Test
    void restClientSendsTheTokenAndAfterA401RetriesOnceWithANewTokenAndTheSameBody() {
        try (RejectingApi api = RejectingApi.rejectingFirstToken()) {
            withDomo().run(context -> {
                String answer = exchange(restClient(context).post().uri(api.uri()).body("hello"));

                assertThat(answer).isEqualTo("200:ok:hello");
                assertThat(api.received()).hasSize(2);
                assertThat(api.received()).extracting(RejectingApi.Received::body).containsExactly("hello", "hello");
                assertThat(api.received().get(0).authorization()).startsWith("Bearer ")
                        .isNotEqualTo(api.received().get(1).authorization());
                assertThat(api.received().get(1).authorization())
                        .isEqualTo(context.getBean("reporting", Credentials.class).headers().get("Authorization"));
                assertThat(simulator.tokenRequests("domo")).isEqualTo(2);
            });
        }
    }

    @Test
    void restTemplateTakesTheSameInterceptor() {
        try (RejectingApi api = RejectingApi.rejectingFirstToken()) {
            withDomo().run(context -> {
                RestTemplate template = new RestTemplate();
                template.getInterceptors().add(context.getBean(ApiAuthInterceptors.class).forAccount("reporting"));

                assertThat(template.postForObject(api.uri(), "hello", String.class)).isEqualTo("ok:hello");
                assertThat(api.received()).extracting(RejectingApi.Received::body).containsExactly("hello", "hello");
            });
        }
    }

    @Test
    void restClientReturnsASecondRejectionInsteadOfLooping() {
        try (RejectingApi api = RejectingApi.rejectingEveryToken()) {
            withDomo().run(context -> {
                assertThat(exchange(restClient(context).get().uri(api.uri()))).isEqualTo("401:token rejected");
                assertThat(api.received()).hasSize(2);
                assertThat(simulator.tokenRequests("domo")).isEqualTo(2);
            });
        }
    }

    @Test
    void restClientRecoversFromAnExpiredTokenAtTheVendor() {
        withDomo().run(context -> {
            RestClient client = restClient(context);
            URI users = simulator.apiUri("domo");
            assertThat(exchange(client.get().uri(users))).startsWith("200:");
            simulator.expireAllTokens();
            assertThat(exchange(client.get().uri(users))).startsWith("200:");
            assertThat(simulator.apiRequests("domo")).as("one 401, one retry").isEqualTo(3);
            assertThat(simulator.tokenRequests("domo")).isEqualTo(2);
        });
    }

    @Test
    void restClientPacesEveryRequestToTheProvidersRateBudget() {
        MutableClock clock = new MutableClock(Instant.now());
        try (VendorSimulator doo = pacedDooSimulator()) {
            pacedDoo(doo, clock).run(context -> {
                RestClient client = restClient(context);
                Instant start = clock.instant();
                for (int i = 0; i < 3; i++) {
                    assertThat(exchange(client.get().uri(doo.apiUri("doo")))).startsWith("200:");
                }
                // doo allows 1 request/s; the token request took the first permit.
                assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            });
        }
    }

    @Test
    void webClientSendsTheTokenAndAfterA401RetriesOnceWithANewToken() {
        try (RejectingApi api = RejectingApi.rejectingFirstToken()) {
            withDomo().run(context -> {
                assertThat(exchange(webClient(context).get().uri(api.uri()))).isEqualTo("200:ok:");
                assertThat(api.received()).hasSize(2);
                assertThat(api.received().get(0).authorization()).startsWith("Bearer ")
                        .isNotEqualTo(api.received().get(1).authorization());
                assertThat(simulator.tokenRequests("domo")).isEqualTo(2);
            });
        }
    }

    @Test
    void webClientReturnsASecondRejectionInsteadOfLooping() {
        try (RejectingApi api = RejectingApi.rejectingEveryToken()) {
            withDomo().run(context -> {
                assertThat(exchange(webClient(context).get().uri(api.uri()))).isEqualTo("401:token rejected");
                assertThat(api.received()).hasSize(2);
            });
        }
    }

    @Test
    void webClientRepeatsARequestWithABodyOnlyWhenItIsMarkedRepeatable() {
        try (RejectingApi unmarked = RejectingApi.rejectingFirstToken();
                RejectingApi marked = RejectingApi.rejectingFirstToken()) {
            withDomo().run(context -> {
                WebClient client = webClient(context);
                assertThat(exchange(client.post().uri(unmarked.uri()).bodyValue("hello")))
                        .isEqualTo("401:token rejected");
                assertThat(unmarked.received()).hasSize(1);

                context.getBean("reporting", Credentials.class).invalidate();
                assertThat(exchange(client.post().uri(marked.uri()).bodyValue("hello")
                        .attribute(ApiAuthExchangeFilter.REPEATABLE_BODY, true))).isEqualTo("200:ok:hello");
                assertThat(marked.received()).extracting(RejectingApi.Received::body).containsExactly("hello", "hello");
            });
        }
    }

    @Test
    void webClientPacesEveryRequestOffTheCallingThread() {
        MutableClock clock = new MutableClock(Instant.now());
        List<String> sleepingThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (VendorSimulator doo = pacedDooSimulator()) {
            pacedDoo(doo, clock).withBean(ApiAuthCredentialsCustomizer.class, () -> (name, builder) ->
                    builder.sleeper(wait -> {
                        sleepingThreads.add(Thread.currentThread().getName());
                        clock.advance(wait);
                    })).run(context -> {
                WebClient client = webClient(context);
                Instant start = clock.instant();
                for (int i = 0; i < 3; i++) {
                    assertThat(exchange(client.get().uri(doo.apiUri("doo")))).startsWith("200:");
                }
                assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                assertThat(sleepingThreads).isNotEmpty().allSatisfy(thread -> assertThat(thread)
                        .startsWith("boundedElastic"));
            });
        }
    }

    /** A simulator with a doo account of its own, so its rate budget is not shared with other tests. */
    private static VendorSimulator pacedDooSimulator() {
        return VendorSimulator.builder().doo("paced-client", "paced-secret", "paced-key-" + System.nanoTime()).build();
    }

    /** doo with pacing on, on a fake clock that the pacer's waits advance. */
    private ApplicationContextRunner pacedDoo(VendorSimulator doo, MutableClock clock) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(doo.settingsFor("doo"));
        settings.put("pace-requests", "true");
        return runner.withPropertyValues(account("reporting", "doo", settings))
                .withBean("fakeClock", ApiAuthCredentialsCustomizer.class, () -> (name, builder) ->
                        builder.clock(clock).sleeper(clock::advance));
    }
}
