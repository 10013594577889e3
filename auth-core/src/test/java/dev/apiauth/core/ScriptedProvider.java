package dev.apiauth.core;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A provider whose token source answers from a script: tests queue tokens (with lifetimes) or
 * failures and count fetches. Not registered with ServiceLoader.
 */
final class ScriptedProvider implements AuthProvider {
    static final String SECRET = "scripted-s3cret-value";

    private final Deque<Supplier<AccessToken>> script = new ArrayDeque<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final Clock clock;
    private volatile Supplier<AccessToken> fallback;
    private volatile List<RateLimit> rateLimits = List.of();
    private volatile int serial;

    ScriptedProvider(Clock clock) {
        this.clock = clock;
        this.fallback = () -> token(Duration.ofSeconds(100));
    }

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.builder("Scripted")
                .documentation("https://example.com/docs")
                .setting(Setting.secret("client-secret", "A secret the tests look for in messages"))
                .build();
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    /** A new token issued now with that lifetime (null = unknown). */
    AccessToken token(Duration lifetime) {
        AccessToken.Builder builder = AccessToken.builder("tok-" + (++serial), clock.instant());
        if (lifetime != null) {
            builder.expiresIn(lifetime);
        }
        return builder.build();
    }

    synchronized ScriptedProvider then(Supplier<AccessToken> step) {
        script.add(step);
        return this;
    }

    ScriptedProvider thenFail(RuntimeException failure) {
        return then(() -> {
            throw failure;
        });
    }

    ScriptedProvider answerByDefault(Supplier<AccessToken> step) {
        this.fallback = step;
        return this;
    }

    ScriptedProvider rateLimits(List<RateLimit> limits) {
        this.rateLimits = limits;
        return this;
    }

    int fetches() {
        return fetches.get();
    }

    private synchronized Supplier<AccessToken> next() {
        Supplier<AccessToken> step = script.poll();
        return step != null ? step : fallback;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return new TokenSource() {
            @Override
            public AccessToken fetch() {
                fetches.incrementAndGet();
                return next().get();
            }

            @Override
            public List<RateLimit> rateLimits() {
                return rateLimits;
            }

            @Override
            public String rateLimitScope() {
                return "scripted-scope";
            }
        };
    }
}
