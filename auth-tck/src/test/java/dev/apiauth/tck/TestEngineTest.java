package dev.apiauth.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.core.Credentials;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.tck.reference.ClientCredentialsProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TestEngine builds its engines as the TCK's rules do: same start, waits on the clock, no randomness. */
class TestEngineTest {
    private static final Map<String, String> SETTINGS = Map.of("token-url", "https://tokens.example.test/token",
            "client-id", "client-7", "client-secret", "s3cr3t");

    @Test
    void startsWhereTheRulesStart() {
        try (TestEngine engine = new TestEngine(new ClientCredentialsProvider())) {
            assertThat(TestEngine.START).isEqualTo(DeterministicEngines.START);
            assertThat(engine.clock().instant()).isEqualTo(DeterministicEngines.START);
        }
    }

    @Test
    void retryWaitsAdvanceTheClockAndAreTheSameEveryRun() {
        List<List<Duration>> runs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (TestEngine engine = new TestEngine(new ClientCredentialsProvider())) {
                Credentials busy = engine.credentials(SETTINGS, builder -> builder.tokenEndpoint(request ->
                        new EndpointResponse(503, Map.of(), "busy", Optional.empty())));

                assertThatThrownBy(busy::token).isInstanceOf(TransientAuthException.class);

                List<Duration> waits = List.copyOf(engine.waits());
                assertThat(waits).as("the default retry policy waits between attempts").isNotEmpty();
                assertThat(engine.clock().instant())
                        .isEqualTo(TestEngine.START.plus(waits.stream().reduce(Duration.ZERO, Duration::plus)));
                runs.add(waits);
            }
        }
        assertThat(runs.get(1)).as("no random back-off").isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
    }
}
