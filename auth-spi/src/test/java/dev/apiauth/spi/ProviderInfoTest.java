package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderInfoTest {
    @Test
    void keepsTheDeclaration() {
        ProviderInfo info = ProviderInfo.builder("Example")
                .documentation("https://example.com/docs")
                .setting(Setting.text("client-id", "The client id").required())
                .setting(Setting.secret("client-secret", "The client secret").defaultValue("do-not-print"))
                .capabilities(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS)
                .rateLimit(RateLimit.of(1, Duration.ofSeconds(1)))
                .tokenRejectedStatus(403)
                .build();

        assertThat(info.displayName()).isEqualTo("Example");
        assertThat(info.documentation()).isEqualTo(URI.create("https://example.com/docs"));
        assertThat(info.settings()).extracting(Setting::name).containsExactly("client-id", "client-secret");
        assertThat(info.setting("client-secret")).isPresent();
        assertThat(info.setting("nope")).isEmpty();
        assertThat(info.has(Capability.EXPIRING_TOKENS)).isTrue();
        assertThat(info.has(Capability.REFRESH_TOKENS)).isFalse();
        assertThat(info.rateLimits()).containsExactly(RateLimit.of(1, Duration.ofSeconds(1)));
        assertThat(info.tokenRejectedStatuses()).containsExactly(401, 403);
        assertThat(info.toString()).contains("client-id", "client-secret").doesNotContain("do-not-print");
    }

    @Test
    void refusesIncompleteOrContradictoryDeclarations() {
        assertThatThrownBy(() -> ProviderInfo.builder("Example").build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("documentation");
        assertThatThrownBy(() -> ProviderInfo.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProviderInfo.builder("Example").documentation("https://example.com")
                .setting(Setting.text("client-id", "One")).setting(Setting.text("client-id", "Two")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'client-id' is declared twice");
        assertThatThrownBy(() -> ProviderInfo.builder("Example").tokenRejectedStatus(500))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
