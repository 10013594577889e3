package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HttpClient 5 handler recovers from the simulators' rejections: 401, and Dotypos' 403. */
class HttpClient5IntegrationTest {
    @RegisterExtension
    final VendorSimulatorExtension vendors = new VendorSimulatorExtension();

    private final Engine engine = new Engine();

    @AfterEach
    void close() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"doo", "docplanner", "domo", "docoon", "dotypos"})
    void handlerRetriesOnceWithANewTokenAfterForcedExpiry(String providerId) throws IOException {
        VendorSimulator simulator = vendors.simulator();
        Credentials credentials = engine.credentials(providerId, simulator.settingsFor(providerId));
        try (CloseableHttpClient client = AuthExecChainHandler.install(HttpClients.custom(), credentials).build()) {
            assertThat(status(client, providerId)).isEqualTo(200);

            simulator.expireAllTokens();

            assertThat(status(client, providerId)).isEqualTo(200);
        }
        assertThat(simulator.tokenRequests(providerId)).isEqualTo(2);
        assertThat(simulator.apiRequests(providerId)).isEqualTo(3);
    }

    private int status(CloseableHttpClient client, String providerId) throws IOException {
        return client.execute(new HttpGet(vendors.simulator().apiUri(providerId)), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }
}
