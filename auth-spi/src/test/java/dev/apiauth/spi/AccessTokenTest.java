package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String VALUE = "eyJ-access-token-VALUE";

    @Test
    void printsWithoutTheValue() {
        AccessToken token = AccessToken.builder(VALUE, NOW).expiresIn(Duration.ofMinutes(5))
                .scopes(List.of("read")).attribute("customer", "acme").build();

        assertThat(token.toString()).doesNotContain(VALUE).contains("REDACTED", "Bearer", "2026-01-01T00:05:00Z",
                "read", "customer").doesNotContain("acme");
    }

    @Test
    void printsUnknownExpiry() {
        AccessToken token = AccessToken.builder(VALUE, NOW).build();

        assertThat(token.expiresAt()).isEmpty();
        assertThat(token.lifetime()).isEmpty();
        assertThat(token.toString()).contains("expiresAt=unknown");
    }

    @Test
    void keepsValueExpiryScopesAndAttributes() {
        AccessToken token = AccessToken.builder(VALUE, NOW).expiresIn(Duration.ofSeconds(3600))
                .scopes(List.of("a", "b", "a")).attribute("userId", 42).attribute("ignored", null).build();

        assertThat(token.value()).isEqualTo(VALUE);
        assertThat(token.issuedAt()).isEqualTo(NOW);
        assertThat(token.expiresAt()).contains(NOW.plusSeconds(3600));
        assertThat(token.lifetime()).contains(Duration.ofHours(1));
        assertThat(token.scopes()).containsExactly("a", "b");
        assertThat(token.attributes()).containsOnlyKeys("userId");
        assertThat(token.attribute("userId")).contains(42);
        assertThat(token.attribute("ignored")).isEmpty();
        assertThatThrownBy(() -> token.scopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> token.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void normalisesBearerInAnyCaseAndKeepsOtherTypes() {
        assertThat(AccessToken.builder(VALUE, NOW).build().type()).isEqualTo("Bearer");
        assertThat(AccessToken.builder(VALUE, NOW).type("bearer").build().type()).isEqualTo("Bearer");
        assertThat(AccessToken.builder(VALUE, NOW).type("BEARER").build().type()).isEqualTo("Bearer");
        assertThat(AccessToken.builder(VALUE, NOW).type("MAC").build().type()).isEqualTo("MAC");
    }

    @Test
    void refusesBlankValuesAndExpiryBeforeIssue() {
        assertThatThrownBy(() -> AccessToken.builder(" ", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessToken.builder(VALUE, NOW).expiresAt(NOW.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(VALUE);
        assertThatThrownBy(() -> AccessToken.builder(VALUE, NOW).expiresIn(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(VALUE);
    }
}
