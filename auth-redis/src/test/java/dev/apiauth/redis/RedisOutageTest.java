package dev.apiauth.redis;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisOutageTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private final WireMockServer vendor = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Fleet fleet;

    @BeforeEach
    void start() {
        vendor.start();
        Fleet.issueTokens(vendor, Duration.ofMinutes(10), Duration.ZERO);
        fleet = new Fleet(REDIS.uri(), vendor, clock);
        // slf4j-simple writes to whatever System.err is when it logs.
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        fleet.close();
        vendor.stop();
    }

    private long logLines(String containing) {
        return log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(containing)).count();
    }

    private static void awaitReachable(RedisSharedState... states) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (RedisSharedState state : states) {
            // Polling is the point here: Lettuce reconnects on its own schedule.
            while (!state.ping()) {
                assertThat(System.nanoTime() - deadline).as("%s reconnects within 10 s", state).isNegative();
                Thread.sleep(50);
            }
        }
    }

    @Test
    void requestsContinueWhileRedisIsDownWithOneWarningAndSharingResumesWhenItReturns() throws Exception {
        // Retrying Redis on every call shows that repeated failures still log one warning.
        RedisSharedState stateA = fleet.track(fleet.stateBuilder().retryInterval(Duration.ofMillis(1)).build());
        RedisSharedState stateB = fleet.track(fleet.stateBuilder().retryInterval(Duration.ofMillis(1)).build());
        Credentials a = fleet.track(fleet.credentialsBuilder(stateA, 5).build());
        Credentials b = fleet.track(fleet.credentialsBuilder(stateB, 5).build());
        assertThat(b.token().value()).isEqualTo(a.token().value());
        assertThat(Fleet.tokenRequests(vendor)).isEqualTo(1);

        REDIS.stop();
        clock.advance(Duration.ofMinutes(10));
        AccessToken aAlone = a.token();
        AccessToken bAlone = b.token();
        for (int i = 0; i < 5; i++) {
            a.invalidate();
            a.token();
            a.pace();
            b.pace();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(aAlone.value()).isNotEqualTo(bAlone.value());
        assertThat(Fleet.tokenRequests(vendor)).as("each instance fetched its own").isEqualTo(3 + 5);
        assertThat(stateA.sharing()).isFalse();
        assertThat(logLines("is unreachable")).as("one warning per instance, not one per call").isEqualTo(2);

        REDIS.start();
        awaitReachable(stateA, stateB);
        clock.advance(Duration.ofMinutes(10));
        AccessToken shared = a.token();
        int requestsAfterReturn = Fleet.tokenRequests(vendor);

        assertThat(b.token().value()).isEqualTo(shared.value());
        assertThat(Fleet.tokenRequests(vendor)).isEqualTo(requestsAfterReturn);
        assertThat(stateA.sharing()).isTrue();
        assertThat(logLines("is reachable again")).isEqualTo(2);
    }

    @Test
    void anInstanceStartedWhileRedisIsDownWorksAloneAndJoinsTheFleetLater() throws Exception {
        REDIS.stop();
        RedisSharedState late = fleet.state();
        Credentials alone = fleet.track(fleet.credentialsBuilder(late, 0).build());

        AccessToken own = alone.token();

        assertThat(own.value()).startsWith("tok-");
        REDIS.start();
        awaitReachable(late);
        clock.advance(Duration.ofMinutes(10));
        AccessToken joined = alone.token();
        assertThat(fleet.instance().token().value()).isEqualTo(joined.value());
    }

    @Test
    void theSecretStoreAnswersFromMemoryWhileRedisIsDownAndRefusesToSave() {
        RedisSecretStore store = fleet.state().secretStore();
        store.save("dotypos.refresh-token", Secret.of("refresh-me-1"));
        assertThat(store.load("dotypos.refresh-token")).contains(Secret.of("refresh-me-1"));
        RedisSecretStore neverRead = fleet.state().secretStore();

        REDIS.stop();

        assertThat(store.load("dotypos.refresh-token")).contains(Secret.of("refresh-me-1"));
        assertThatThrownBy(() -> store.save("dotypos.refresh-token", Secret.of("refresh-me-2")))
                .isInstanceOf(TransientAuthException.class)
                .hasMessageContaining("not saved").hasMessageNotContaining("refresh-me");
        assertThatThrownBy(() -> neverRead.load("dotypos.refresh-token"))
                .isInstanceOf(TransientAuthException.class)
                .hasMessageContaining("unreachable");
    }

    /** Copies what is written to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
