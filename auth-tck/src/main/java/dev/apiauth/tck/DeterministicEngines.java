package dev.apiauth.tck;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.RefreshPolicy;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.spi.AuthProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The one way the TCK builds engines, for its rules ({@link Tck}) and for providers' own tests
 * ({@link TestEngine}): a {@link FakeClock} standing at {@link #START}, waits (retry back-off, rate
 * pacing) that advance the clock instead of sleeping and are recorded, background refreshes run by
 * the calling thread, and no randomness (no refresh jitter, retry back-off at the middle of its range).
 * Closes every engine it built.
 */
final class DeterministicEngines implements AutoCloseable {
    /** Where the clock starts unless told otherwise: every TCK rule and every {@link TestEngine}. */
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<Credentials> opened = new ArrayList<>();

    DeterministicEngines(Instant start) {
        this.clock = new FakeClock(start);
    }

    FakeClock clock() {
        return clock;
    }

    /** Every wait the engines asked for, in order. */
    List<Duration> waits() {
        return waits;
    }

    /** An engine for {@code provider} with the deterministic defaults, then {@code options}. */
    synchronized Credentials open(AuthProvider provider, UnaryOperator<Credentials.Builder> options) {
        Credentials credentials = options.apply(Credentials.builder(provider)
                        .clock(clock)
                        .sleeper(wait -> {
                            waits.add(wait);
                            clock.advance(wait);
                        })
                        .backgroundExecutor(Runnable::run)
                        .refreshPolicy(RefreshPolicy.builder().jitter(0).build())
                        .retryPolicy(RetryPolicy.builder().random(() -> 0.5).build()))
                .build();
        opened.add(credentials);
        return credentials;
    }

    @Override
    public synchronized void close() {
        List<RuntimeException> problems = new ArrayList<>();
        for (Credentials credentials : opened) {
            try {
                credentials.close();
            } catch (RuntimeException e) {
                problems.add(e);
            }
        }
        opened.clear();
        if (!problems.isEmpty()) {
            RuntimeException first = problems.get(0);
            problems.subList(1, problems.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
