package dev.apiauth.tck;

import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AuthProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs a provider through the real engine for a provider's own vendor tests, deterministically: a
 * {@link FakeClock}, waits (retry backoff, rate pacing) that advance the clock instead of sleeping
 * and are recorded, background refreshes run inline, and no refresh jitter or random back-off: the
 * same engines the TCK's rules run. Closes every {@link Credentials} it made.
 *
 * <pre>{@code
 * try (TestEngine engine = new TestEngine(new MyProvider())) {
 *     Credentials credentials = engine.credentials(Map.of("token-url", wireMock.baseUrl() + "/token", ...));
 *     engine.clock().advance(Duration.ofHours(1));
 * }
 * }</pre>
 */
public final class TestEngine implements AutoCloseable {
    /** Where the clock starts unless told otherwise; the TCK's rules start there too. */
    public static final Instant START = DeterministicEngines.START;

    private final AuthProvider provider;
    private final DeterministicEngines engines;

    public TestEngine(AuthProvider provider) {
        this(provider, START);
    }

    public TestEngine(AuthProvider provider, Instant start) {
        this.provider = provider;
        this.engines = new DeterministicEngines(start);
    }

    /** The clock the engine computes expiry with. */
    public FakeClock clock() {
        return engines.clock();
    }

    /** Every wait the engine asked for, in order. */
    public List<Duration> waits() {
        return engines.waits();
    }

    /** An account with these settings and the engine's defaults otherwise. */
    public Credentials credentials(Map<String, String> settings) {
        return credentials(settings, UnaryOperator.identity());
    }

    /** An account with these settings, further configured by {@code options}. */
    public Credentials credentials(Map<String, String> settings, UnaryOperator<Credentials.Builder> options) {
        return engines.open(provider, builder -> options.apply(builder.settings(settings)));
    }

    @Override
    public void close() {
        engines.close();
    }
}
