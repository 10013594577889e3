package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.provider.dotypos.DotyposConsent;
import dev.apiauth.spi.consent.ConsentRequest;
import dev.apiauth.spi.consent.ConsentResult;
import dev.apiauth.shapes.DomoShapes;
import dev.apiauth.spi.CredentialsRejectedException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's own API: ids, settings, counters, accounts, lifetimes, reset and close. */
class VendorSimulatorTest {
    private final Engine engine = new Engine();
    private VendorSimulator simulator = VendorSimulator.start();

    @AfterEach
    void close() {
        engine.close();
        simulator.close();
    }

    @Test
    void servesTheFiveVendorsOnLoopback() {
        assertThat(simulator.providerIds()).containsExactly("doo", "docplanner", "domo", "docoon", "dotypos");
        assertThat(simulator.baseUri().getScheme()).isEqualTo("http");
        assertThat(simulator.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(simulator.baseUri().getPort()).isPositive();
        assertThat(simulator.dotyposConsentUri()).hasToString(simulator.baseUri() + "/dotypos/client/connect");
        assertThat(simulator.dotyposConsentV2Uri()).hasToString(simulator.baseUri() + "/dotypos/client/connect/v2");
    }

    @Test
    void unknownProviderNamesTheSimulatedOnes() {
        assertThatThrownBy(() -> simulator.settingsFor("stripe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'stripe'")
                .hasMessageContaining("[doo, docplanner, domo, docoon, dotypos]");
        assertThatThrownBy(() -> simulator.tokenRequests("stripe")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownVariantNamesTheProvidersVariants() {
        assertThatThrownBy(() -> simulator.settingsFor("docoon", "oauth"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[password, basic, apikey]");
    }

    @Test
    void countsRejectedRequestsToo() {
        Credentials rejected = engine.credentials("domo",
                Settings.of(simulator.settingsFor("domo")).with("client-secret", "wrong"), UnaryOperator.identity());
        catchThrowableOfType(CredentialsRejectedException.class, rejected::token);
        Engine.get(simulator.apiUri("domo"), Map.of("Authorization", "Bearer never-issued"));

        assertThat(simulator.tokenRequests("domo")).isEqualTo(1);
        assertThat(simulator.apiRequests("domo")).isEqualTo(1);
        assertThat(simulator.tokenRequests("doo")).isZero();
    }

    @Test
    void aTokenOfOneVendorIsUnknownToAnother() {
        Map<String, String> domoHeaders = engine.credentials("domo", simulator.settingsFor("domo")).headers();

        HttpResponse<String> atDocplanner = Engine.get(simulator.apiUri("docplanner"), domoHeaders);

        assertThat(atDocplanner.statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsOnlyTheAccountItWasConfiguredWith() {
        simulator.close();
        simulator = VendorSimulator.builder().domo("my-client", "my-secret").build();
        Map<String, String> custom = simulator.settingsFor("domo");

        Credentials demo = engine.credentials("domo", Settings.of(custom)
                .with("client-id", DomoShapes.DEMO_CLIENT_ID).with("client-secret", DomoShapes.DEMO_CLIENT_SECRET),
                UnaryOperator.identity());

        assertThat(custom).containsEntry("client-id", "my-client").containsEntry("client-secret", "my-secret");
        assertThat(engine.credentials("domo", custom).token().value()).isNotBlank();
        assertThat(catchThrowableOfType(CredentialsRejectedException.class, demo::token).status()).isEqualTo(401);
    }

    @Test
    void lifetimeCanBeSetPerVendor() {
        simulator.close();
        simulator = VendorSimulator.builder().tokenLifetime(Duration.ofMinutes(5))
                .tokenLifetime("docplanner", Duration.ofSeconds(90)).build();

        assertThat(engine.credentials("docplanner", simulator.settingsFor("docplanner")).token().lifetime())
                .contains(Duration.ofSeconds(90));
        assertThat(engine.credentials("docoon", simulator.settingsFor("docoon")).token().lifetime())
                .contains(Duration.ofMinutes(5));
    }

    @Test
    void refusesLifetimesTokensCannotCarry() {
        VendorSimulator.Builder builder = VendorSimulator.builder();

        assertThatThrownBy(() -> builder.tokenLifetime(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> builder.tokenLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.tokenLifetime("paypal", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'paypal'");
        assertThatThrownBy(() -> builder.dotypos("id", "secret", "refresh token", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without spaces");
        assertThatThrownBy(() -> builder.dotypos("id", "secret", "token", "cloud-one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number");
    }

    @Test
    void resetForgetsTokensAndZeroesCounters() {
        Credentials credentials = engine.credentials("docplanner", simulator.settingsFor("docplanner"));
        Map<String, String> headers = credentials.headers();

        simulator.reset();

        assertThat(simulator.tokenRequests("docplanner")).isZero();
        assertThat(Engine.get(simulator.apiUri("docplanner"), headers).body())
                .contains("The access token provided is invalid.");
    }

    @Test
    void unknownPathsAre404() {
        HttpResponse<String> response = Engine.get(URI.create(simulator.baseUri() + "/doo/v2/nothing"), Map.of());
        HttpResponse<String> noVendor = Engine.get(URI.create(simulator.baseUri() + "/paypal/oauth"), Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(noVendor.statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAnOversizedBody() {
        HttpResponse<String> response = Engine.send(HttpRequest.newBuilder(
                        URI.create(simulator.settingsFor("doo").get("api-base-url") + "/oauth"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pad\":\"" + "x".repeat(70_000) + "\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void closeStopsServingAndEndsItsThreads() throws InterruptedException {
        URI api = simulator.apiUri("domo");
        Engine.get(api, Map.of());
        String threadPrefix = "vendor-simulator-" + simulator.baseUri().getPort() + "-";
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(thread -> thread.getName().startsWith(threadPrefix));

        simulator.close();
        simulator.close();

        // A pool worker is still exiting for a moment after awaitTermination returns: give it that moment.
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(threadPrefix)) {
                thread.join(5_000);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith(threadPrefix) && thread.isAlive());
        assertThat(catchThrowableOfType(UncheckedIOException.class, () -> Engine.get(api, Map.of())))
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(simulator.toString()).contains("closed");
    }

    @Test
    void concurrentCallersShareOneTokenAndAllGetThrough() throws Exception {
        Credentials credentials = engine.credentials("docplanner", simulator.settingsFor("docplanner"));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                statuses.add(callers.submit(() -> {
                    start.await();
                    return Engine.authorizedGet(credentials, simulator.apiUri("docplanner")).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(simulator.tokenRequests("docplanner")).isEqualTo(1);
        assertThat(simulator.apiRequests("docplanner")).isEqualTo(24);
    }

    @Test
    void refreshTokenWithReservedCharactersSurvivesTheConsentRedirect() {
        simulator.close();
        simulator = VendorSimulator.builder().dotypos("app", "secret", "rt+/=&x", "42").build();
        Map<String, String> settings = simulator.settingsFor("dotypos");
        ConsentRequest request = DotyposConsent.builder(
                Settings.of(settings).validate(Engine.PROVIDERS.get("dotypos")),
                URI.create("http://127.0.0.1:9/callback")).build().begin();

        HttpResponse<String> redirect = Engine.get(request.url(), Map.of());
        ConsentResult result = DotyposConsent.parseCallback(
                URI.create(redirect.headers().firstValue("Location").orElseThrow()), request.state());

        assertThat(result.secrets().get("refresh-token").reveal()).isEqualTo("rt+/=&x");
        assertThat(result.settings().get("cloud-id")).isEqualTo("42");
        assertThat(engine.credentials("dotypos", settings).token().attributes()).containsEntry("cloudId", "42");
    }

    @Test
    void printsNoSecrets() {
        assertThat(simulator.toString()).doesNotContain(DomoShapes.DEMO_CLIENT_SECRET);
        assertThat(DomoShapes.tokenIssued("eyJ.secret.token", "c", 1, "j", "r", "s", 1).toString())
                .doesNotContain("eyJ.secret.token");
    }
}
