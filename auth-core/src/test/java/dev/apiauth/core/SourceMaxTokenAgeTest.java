package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A token source's {@link TokenSource#maxTokenAge()} is applied by the engine, with the policy's own maximum. */
class SourceMaxTokenAgeTest {
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final AtomicInteger fetches = new AtomicInteger();
    private Credentials credentials;

    @AfterEach
    void close() {
        if (credentials != null) {
            credentials.close();
        }
    }

    /** Tokens of unknown lifetime, or of a one-day lifetime; the source declares {@code maxAge}. */
    private Credentials account(Duration maxAge, Duration lifetime, RefreshPolicy policy) {
        AuthProvider provider = new AuthProvider() {
            @Override
            public String id() {
                return "aged";
            }

            @Override
            public ProviderInfo info() {
                return ProviderInfo.builder("Aged").documentation("https://example.com/docs").build();
            }

            @Override
            public int requestedSpiVersion() {
                return SPI_VERSION;
            }

            @Override
            public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
                return new TokenSource() {
                    @Override
                    public AccessToken fetch() {
                        AccessToken.Builder token = AccessToken.builder("tok-" + fetches.incrementAndGet(),
                                context.clock().instant());
                        if (lifetime != null) {
                            token.expiresIn(lifetime);
                        }
                        return token.build();
                    }

                    @Override
                    public Optional<Duration> maxTokenAge() {
                        return Optional.ofNullable(maxAge);
                    }
                };
            }
        };
        credentials = Credentials.builder(provider).clock(clock).refreshPolicy(policy)
                .backgroundExecutor(Runnable::run).build();
        return credentials;
    }

    private void at(Duration sinceStart) {
        clock.set(START.plus(sinceStart));
    }

    @Test
    void replacesATokenOfUnknownLifetimeAtTheSourcesMaximumAge() {
        Credentials account = account(Duration.ofMinutes(10), null, RefreshPolicy.builder().jitter(0).build());
        AccessToken first = account.token();

        at(Duration.ofMinutes(10).minusMillis(1));
        assertThat(account.token()).isSameAs(first);
        at(Duration.ofMinutes(10));
        assertThat(account.token().value()).isEqualTo("tok-2");
    }

    @Test
    void bringsALongerExpiryForwardToTheSourcesMaximumAge() {
        Credentials account = account(Duration.ofHours(2), Duration.ofDays(1), RefreshPolicy.builder().jitter(0).build());
        AccessToken first = account.token();

        at(Duration.ofMinutes(100));
        assertThat(account.token()).isSameAs(first);
        at(Duration.ofHours(2));
        assertThat(account.token().value()).isEqualTo("tok-2");
    }

    @Test
    void theShorterOfThePolicysAndTheSourcesMaximumWins() {
        Credentials policyShorter = account(Duration.ofHours(1), null,
                RefreshPolicy.builder().jitter(0).maxTokenAge(Duration.ofMinutes(5)).build());
        AccessToken first = policyShorter.token();
        at(Duration.ofMinutes(5));
        assertThat(policyShorter.token()).isNotSameAs(first);
        policyShorter.close();

        fetches.set(0);
        // The clock only moves forward: this account starts at minute 5.
        Credentials sourceShorter = account(Duration.ofMinutes(5), null,
                RefreshPolicy.builder().jitter(0).maxTokenAge(Duration.ofHours(1)).build());
        AccessToken own = sourceShorter.token();
        at(Duration.ofMinutes(10).minusMillis(1));
        assertThat(sourceShorter.token()).isSameAs(own);
        at(Duration.ofMinutes(10));
        assertThat(sourceShorter.token()).isNotSameAs(own);
    }

    @Test
    void withoutAMaximumATokenOfUnknownLifetimeIsKept() {
        Credentials account = account(null, null, RefreshPolicy.defaults());
        AccessToken first = account.token();

        at(Duration.ofDays(365));
        assertThat(account.token()).isSameAs(first);
        assertThat(fetches).hasValue(1);
    }
}
