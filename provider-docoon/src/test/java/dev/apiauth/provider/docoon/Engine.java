package dev.apiauth.provider.docoon;

import dev.apiauth.core.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Runs the provider through the real engine with a fake clock: waits (retry backoff, rate pacing)
 * advance the clock instead of sleeping and are recorded; background refreshes run inline.
 */
final class Engine implements AutoCloseable {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<Credentials> opened = new ArrayList<>();

    Credentials credentials(Map<String, String> settings) {
        return credentials(settings, UnaryOperator.identity());
    }

    Credentials credentials(Map<String, String> settings, UnaryOperator<Credentials.Builder> options) {
        Credentials credentials = options.apply(Credentials.builder(new DocoonProvider())
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
    public void close() {
        opened.forEach(Credentials::close);
    }
}
