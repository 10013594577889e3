package dev.apiauth.redis;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.Secret;
import dev.apiauth.testing.MutableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StoredDataTest {
    private static final String REFRESH_TOKEN = "dotypos-refresh-token-Zx81";

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private final WireMockServer vendor = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private Fleet fleet;

    @BeforeEach
    void start() {
        vendor.start();
        Fleet.issueTokens(vendor, Duration.ofMinutes(10), Duration.ZERO);
        fleet = new Fleet(REDIS.uri(), vendor, clock);
    }

    @AfterEach
    void stop() {
        fleet.close();
        vendor.stop();
    }

    @Test
    void nothingStoredInRedisContainsATokenOrSecretInPlainText() {
        RedisSharedState state = fleet.state();
        Credentials a = fleet.track(fleet.credentialsBuilder(state, 5).build());
        Credentials b = fleet.track(fleet.credentialsBuilder(fleet.state(), 5).build());
        List<String> secrets = new ArrayList<>(List.of(FleetTestProvider.CLIENT_SECRET, REFRESH_TOKEN, Fleet.KEY.reveal()));
        Authorization first = a.authorization();
        secrets.add(first.token().value());
        a.rejected(first);
        secrets.add(a.token().value());
        b.token();
        a.pace();
        state.secretStore().save("dotypos.refresh-token", Secret.of(REFRESH_TOKEN));

        Map<String, String> stored = REDIS.dump();

        assertThat(stored.keySet()).anyMatch(key -> key.endsWith(":token")).anyMatch(key -> key.contains("budget"))
                .contains("apiauth:secret:dotypos.refresh-token");
        for (String secret : secrets) {
            String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            assertThat(stored.toString()).as("Redis holds no plain or Base64 copy of a secret")
                    .doesNotContain(secret).doesNotContain(base64);
        }
    }

    @Test
    void tokenEntriesExpireWithTheTokenAndLeasesAreReleased() {
        fleet.instance().token();

        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> tokenKeys = connection.sync().keys("apiauth:{*}:token");
            assertThat(tokenKeys).hasSize(1);
            assertThat(connection.sync().pttl(tokenKeys.get(0))).isBetween(1L, Duration.ofMinutes(10).toMillis());
            assertThat(connection.sync().keys("apiauth:{*}:lease")).isEmpty();
            assertThat(connection.sync().keys("apiauth:{*}:fence")).hasSize(1);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void theSharedSecretStoreHandsEveryInstanceTheSameSecret() {
        fleet.state().secretStore().save("dotypos.refresh-token", Secret.of(REFRESH_TOKEN));
        RedisSecretStore other = fleet.state().secretStore();

        assertThat(other.load("dotypos.refresh-token")).contains(Secret.of(REFRESH_TOKEN));
        other.remove("dotypos.refresh-token");
        assertThat(fleet.state().secretStore().load("dotypos.refresh-token")).isEmpty();
    }

    @Test
    void aSecretSavedUnderAnotherKeyFailsWithAMessageSayingWhichSettingToFix() {
        fleet.state().secretStore().save("dotypos.refresh-token", Secret.of(REFRESH_TOKEN));
        Secret otherKey = Secret.of(Base64.getEncoder().encodeToString(new byte[32]));
        RedisSecretStore wrongKey = fleet.track(fleet.stateBuilder().encryptionKey(otherKey).build()).secretStore();

        assertThatThrownBy(() -> wrongKey.load("dotypos.refresh-token"))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("encryption-key").hasMessageContaining("previous-encryption-keys")
                .hasMessageNotContaining(REFRESH_TOKEN);
    }

    @Test
    void afterAKeyRotationValuesSealedUnderThePreviousKeyStillOpen() {
        fleet.state().secretStore().save("dotypos.refresh-token", Secret.of(REFRESH_TOKEN));
        String tokenAccount = "fleet-test:rotation";
        fleet.state().tokens().obtainToken(tokenAccount, null, false,
                () -> dev.apiauth.spi.AccessToken.builder("before-rotation", clock.instant()).expiresIn(Duration.ofMinutes(10)).build());
        Secret newKey = Secret.of(Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII)));

        RedisSharedState rotated = fleet.track(fleet.stateBuilder().encryptionKey(newKey)
                .previousEncryptionKeys(List.of(Fleet.KEY)).build());

        assertThat(rotated.secretStore().load("dotypos.refresh-token")).contains(Secret.of(REFRESH_TOKEN));
        assertThat(rotated.tokens().obtainToken(tokenAccount, null, false, () -> {
            throw new AssertionError("the token sealed under the previous key opens");
        }).value()).isEqualTo("before-rotation");
    }

    @Test
    void duringARotationAnInstanceWithTheNewKeyIsNotHandedBackTheTokenItSawRejected() {
        String account = "fleet-test:rotating";
        dev.apiauth.spi.AccessToken old = fleet.state().tokens().obtainToken(account, null, false,
                () -> dev.apiauth.spi.AccessToken.builder("sealed-under-old-key", clock.instant()).expiresIn(Duration.ofMinutes(10)).build());
        Secret newKey = Secret.of(Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII)));
        RedisSharedState rotated = fleet.track(fleet.stateBuilder().encryptionKey(newKey)
                .previousEncryptionKeys(List.of(Fleet.KEY)).build());

        dev.apiauth.spi.AccessToken replacement = rotated.tokens().obtainToken(account, old, true,
                () -> dev.apiauth.spi.AccessToken.builder("fetched-after-401", clock.instant()).expiresIn(Duration.ofMinutes(10)).build());

        assertThat(replacement.value()).isEqualTo("fetched-after-401");
    }
}
