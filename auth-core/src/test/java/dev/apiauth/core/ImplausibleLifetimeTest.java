package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13.2: a far-future expiry is used with its lifetime capped (and one WARN), instead of
 * being refused (no token at all) or kept for decades (a dead token never replaced before a 401).
 */
class ImplausibleLifetimeTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration CENTURIES = Duration.ofSeconds(1_000_000_000_000L);

    private final MutableClock clock = new MutableClock(START);
    private final ScriptedProvider provider = new ScriptedProvider(clock);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLog() {
        // slf4j-simple looks System.err up on every write.
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        System.setErr(originalErr);
    }

    private Credentials credentials(RefreshPolicy policy) {
        return Credentials.builder(provider)
                .settings(Map.of("client-secret", ScriptedProvider.SECRET))
                .clock(clock)
                .refreshPolicy(policy)
                .backgroundExecutor(Runnable::run)
                .build();
    }

    private AccessToken richToken(Duration lifetime) {
        return AccessToken.builder("tok-far-future", clock.instant()).type("bearer").expiresIn(lifetime)
                .scopes(List.of("data", "user")).attribute("customer", "acme").build();
    }

    private List<String> warnings() {
        return Arrays.stream(log.toString(StandardCharsets.UTF_8).split("\\R"))
                .filter(line -> line.contains("WARN")).toList();
    }

    @Test
    void aLifetimeOfCenturiesIsUsedForTwentyFourHours() {
        provider.answerByDefault(() -> richToken(CENTURIES));
        try (Credentials credentials = credentials(RefreshPolicy.builder().jitter(0).build())) {
            AccessToken token = credentials.token();

            assertThat(token.value()).isEqualTo("tok-far-future");
            assertThat(token.lifetime()).contains(Duration.ofHours(24));
            assertThat(token.type()).isEqualTo("Bearer");
            assertThat(token.scopes()).containsExactly("data", "user");
            assertThat(token.attributes()).containsExactly(Map.entry("customer", "acme"));
            assertThat(credentials.headers()).containsEntry("Authorization", "Bearer tok-far-future");

            clock.advance(Duration.ofHours(23));
            credentials.token();
            assertThat(provider.fetches()).as("still fresh after 23 h").isEqualTo(1);
            clock.advance(Duration.ofHours(1));
            credentials.token();
            assertThat(provider.fetches()).as("replaced after 24 h").isEqualTo(2);
        }
    }

    @Test
    void theCapNeverExceedsTheMaximumTokenAge() {
        provider.answerByDefault(() -> richToken(CENTURIES));
        try (Credentials credentials = credentials(RefreshPolicy.builder().maxTokenAge(Duration.ofHours(1)).build())) {
            assertThat(credentials.token().lifetime()).contains(Duration.ofHours(1));
        }
    }

    @Test
    void theCapIsConfigurable() {
        provider.answerByDefault(() -> richToken(CENTURIES));
        try (Credentials credentials = credentials(RefreshPolicy.builder()
                .implausibleLifetimeCap(Duration.ofHours(6)).build())) {
            assertThat(credentials.token().lifetime()).contains(Duration.ofHours(6));
        }
        assertThatThrownBy(() -> RefreshPolicy.builder().implausibleLifetimeCap(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void anExpiryAtTheEndOfTimeIsCappedToo() {
        provider.answerByDefault(() -> AccessToken.builder("tok-end-of-time", clock.instant())
                .expiresAt(Instant.MAX).build());
        try (Credentials credentials = credentials(RefreshPolicy.defaults())) {
            assertThat(credentials.token().expiresAt()).contains(START.plus(Duration.ofHours(24)));
        }
    }

    @Test
    void plausibleLifetimesAreLeftAlone() {
        provider.answerByDefault(() -> richToken(RefreshPolicy.IMPLAUSIBLE_LIFETIME));
        try (Credentials credentials = credentials(RefreshPolicy.defaults())) {
            assertThat(credentials.token().lifetime()).contains(RefreshPolicy.IMPLAUSIBLE_LIFETIME);
        }
        assertThat(warnings()).isEmpty();
    }

    @Test
    void warnsOnceNamingTheProviderAndTheFigure() {
        provider.answerByDefault(() -> richToken(CENTURIES));
        try (Credentials credentials = credentials(RefreshPolicy.builder().jitter(0).build())) {
            credentials.token();
            clock.advance(Duration.ofHours(25));
            credentials.token();
            assertThat(provider.fetches()).isEqualTo(2);
        }

        assertThat(warnings()).singleElement().asString()
                .contains("scripted").contains("1000000000000 s").contains("24 h")
                .doesNotContain("tok-far-future").doesNotContain(ScriptedProvider.SECRET);
    }
}
