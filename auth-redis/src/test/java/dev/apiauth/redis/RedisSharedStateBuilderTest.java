package dev.apiauth.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.core.Settings;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.Secret;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSharedStateBuilderTest {
    private static final String SHORT_KEY = Base64.getEncoder().encodeToString(new byte[16]);

    @Test
    void missingUriAndKeyAreReportedTogetherWithHowToFixThem() {
        assertThatThrownBy(() -> RedisSharedState.builder().build())
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .hasSize(2)
                        .anySatisfy(problem -> assertThat(problem).contains("'uri'").contains("APIAUTH_REDIS_URI"))
                        .anySatisfy(problem -> assertThat(problem).contains("'encryption-key'")
                                .contains("openssl rand -base64 32")));
    }

    @Test
    void aKeyOfTheWrongLengthOrNotBase64IsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> RedisSharedState.builder().redisUri("redis://localhost")
                .encryptionKey(Secret.of(SHORT_KEY)).previousEncryptionKeys(java.util.List.of(Secret.of("not base64!")))
                .build())
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "Redis setting 'encryption-key' must be 32 bytes (AES-256) in Base64, not 16;"
                                        + " generate one with `openssl rand -base64 32`",
                                "Redis setting 'previous-encryption-keys' is not Base64; generate a key with"
                                        + " `openssl rand -base64 32`"))
                .hasMessageNotContaining(SHORT_KEY);
    }

    @Test
    void aMalformedUriIsReportedWithoutThePasswordItMayHold() {
        assertThatThrownBy(() -> RedisSharedState.builder().redisUri("http://:hunter2@host:6379")
                .encryptionKey(Fleet.KEY).build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("'uri' is not a Redis URI")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void settingsAreReadByNameAndUnknownOrMalformedOnesReported() {
        Settings settings = Settings.of(Map.of("uri", "redis://localhost", "encryption-key", Fleet.KEY.reveal(),
                "wait-time", "soon", "lease-tme", "10s"));

        assertThatThrownBy(() -> RedisSharedState.builder().settings(settings).build())
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .hasSize(2)
                        .anySatisfy(problem -> assertThat(problem).contains("wait-time"))
                        .anySatisfy(problem -> assertThat(problem).contains("unknown Redis setting 'lease-tme'")
                                .contains("lease-time")));
    }

    @Test
    void settingsFromTheEnvironmentConfigureAWorkingInstanceThatPrintsNoSecret() {
        Settings settings = Settings.fromEnvironment("redis", Map.of(
                "APIAUTH_REDIS_URI", "redis://:hunter2@127.0.0.1:1",
                "APIAUTH_REDIS_ENCRYPTION_KEY", Fleet.KEY.reveal(),
                "APIAUTH_REDIS_KEY_PREFIX", "billing:",
                "APIAUTH_REDIS_WAIT_TIME", "2s"));

        try (RedisSharedState state = RedisSharedState.builder().settings(settings).build()) {
            assertThat(state.toString()).contains("127.0.0.1:1").contains("prefix=billing:")
                    .doesNotContain("hunter2").doesNotContain(Fleet.KEY.reveal());
            assertThat(state.secretStore().toString()).doesNotContain("hunter2");
        }
    }

    @Test
    void nonPositiveDurationsAreRefused() {
        assertThatThrownBy(() -> RedisSharedState.builder().redisUri("redis://localhost").encryptionKey(Fleet.KEY)
                .leaseTime(java.time.Duration.ZERO).build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("'lease-time' must be positive");
    }
}
