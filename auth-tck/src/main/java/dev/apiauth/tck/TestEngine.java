package dev.apiauth.tck;

import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AuthProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Runs a provider through the real engine for a provider's own vendor tests, deterministically: a
 * {@link FakeClock}, waits (retry backoff, rate pacing) that advance the clock instead of sleeping
 * and are recorded, and background refreshes run inline. Closes every {@link Credentials} it made.
 *
 * <pre>{@code
 * try (TestEngine engine = new TestEngine(new MyProvider())) {
 *     Credentials credentials = engine.credentials(Map.of("token-url", wireMock.baseUrl() + "/token", ...));
 *     engine.clock().advance(Duration.ofHours(1));
 * }
 * }</pre>
 */
public final class TestEngine implements AutoCloseable {
    /** Where the clock starts unless told otherwise. */
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final AuthProvider provider;
    private final FakeClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<Credentials> opened = new ArrayList<>();

    public TestEngine(AuthProvider provider) {
        this(provider, START);
    }

    public TestEngine(AuthProvider provider, Instant start) {
        this.provider = provider;
        this.clock = new FakeClock(start);
    }

    /** The clock the engine computes expiry with. */
    public FakeClock clock() {
        return clock;
    }

    /** Every wait the engine asked for, in order. */
    public List<Duration> waits() {
        return waits;
    }

    /** An account with these settings and the engine's defaults otherwise. */
    public Credentials credentials(Map<String, String> settings) {
        return credentials(settings, UnaryOperator.identity());
    }

    /** An account with these settings, further configured by {@code options}. */
    public synchronized Credentials credentials(Map<String, String> settings, UnaryOperator<Credentials.Builder> options) {
        Credentials credentials = options.apply(Credentials.builder(provider)
                        .settings(settings)
                        .clock(clock)
                        .sleeper(wait -> {
                            waits.add(wait);
                            clock.advance(wait);
                        })
                        .backgroundExecutor(Runnable::run))
                .build();
        opened.add(credentials);
        return credentials;
    }

    @Override
    public synchronized void close() {
        opened.forEach(Credentials::close);
        opened.clear();
    }
}
