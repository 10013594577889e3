package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.ProviderSettings;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider, in every variant, against its simulation through discovery and the engine: token,
 * authorized call, forced expiry, recovery after the API's rejection.
 */
class AllProvidersThroughTheEngineTest {
    /** An instance field: a fresh simulator, counters at zero, for each test. */
    @RegisterExtension
    final VendorSimulatorExtension vendors = new VendorSimulatorExtension();

    private final Engine engine = new Engine();

    /** The variants with no token endpoint: nothing to expire, nothing fetched. */
    private static final List<String> STATIC = List.of("docoon/basic", "docoon/apikey");

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("doo", "default"),
                Arguments.of("docplanner", "basic"),
                Arguments.of("docplanner", "body"),
                Arguments.of("domo", "get"),
                Arguments.of("domo", "post"),
                Arguments.of("docoon", "password"),
                Arguments.of("docoon", "basic"),
                Arguments.of("docoon", "apikey"),
                Arguments.of("dotypos", "legacy"),
                Arguments.of("dotypos", "v2"));
    }

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    @Test
    void theseTestsCoverEverySimulatedVariant() {
        VendorSimulator simulator = vendors.simulator();
        List<String> simulated = simulator.providerIds().stream()
                .flatMap(id -> simulator.variants(id).stream().map(variant -> id + "/" + variant))
                .toList();

        assertThat(variants().map(arguments -> arguments.get()[0] + "/" + arguments.get()[1]))
                .containsExactlyElementsOf(simulated);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("variants")
    void authorizesExpiresAndRecoversThroughTheEngine(String providerId, String variant) {
        VendorSimulator simulator = vendors.simulator();
        boolean fetchesTokens = !STATIC.contains(providerId + "/" + variant);
        int rejectedStatus = providerId.equals("dotypos") ? 403 : 401;
        Credentials credentials = engine.credentials(providerId, simulator.settingsFor(providerId, variant));

        AccessToken token = credentials.token();
        assertThat(token.value()).isNotBlank();
        assertThat(simulator.tokenRequests(providerId)).isEqualTo(fetchesTokens ? 1 : 0);

        HttpResponse<String> first = Engine.authorizedGet(credentials, simulator.apiUri(providerId, variant));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(simulator.apiRequests(providerId)).isEqualTo(1);

        Map<String, String> usedHeaders = credentials.headers();
        simulator.expireAllTokens();
        HttpResponse<String> withOldToken = Engine.get(simulator.apiUri(providerId, variant), usedHeaders);
        assertThat(withOldToken.statusCode()).as(withOldToken.body()).isEqualTo(fetchesTokens ? rejectedStatus : 200);

        HttpResponse<String> recovered = Engine.authorizedGet(credentials, simulator.apiUri(providerId, variant));
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
        if (fetchesTokens) {
            // Rejected once with the old token, then a new token and the retry.
            assertThat(simulator.tokenRequests(providerId)).isEqualTo(2);
            assertThat(simulator.apiRequests(providerId)).isEqualTo(4);
            assertThat(credentials.token().value()).isNotEqualTo(token.value());
        } else {
            assertThat(simulator.tokenRequests(providerId)).isZero();
            assertThat(simulator.apiRequests(providerId)).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("variants")
    void settingsAreValidAndPointOnlyAtTheSimulator(String providerId, String variant) {
        VendorSimulator simulator = vendors.simulator();
        Map<String, String> settings = simulator.settingsFor(providerId, variant);

        // Throws, listing every unknown, missing or malformed setting, if any is left.
        ProviderSettings validated = Settings.of(settings).validate(Engine.PROVIDERS.get(providerId));

        assertThat(validated.info()).isSameAs(Engine.PROVIDERS.get(providerId).info());
        assertThat(settings.values().stream().filter(value -> value.contains("://")))
                .allMatch(url -> (url + "/").startsWith(simulator.baseUri() + "/" + providerId + "/"));
    }
}
