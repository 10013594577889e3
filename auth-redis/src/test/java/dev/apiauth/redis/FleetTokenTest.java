package dev.apiauth.redis;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.apiauth.core.AuthEvent;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FleetTokenTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final WireMockServer VENDOR = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Fleet fleet;

    @BeforeAll
    static void startVendor() {
        VENDOR.start();
    }

    @AfterAll
    static void stopVendor() {
        VENDOR.stop();
    }

    @BeforeEach
    void startFleet() {
        VENDOR.resetAll();
        fleet = new Fleet(REDIS.uri(), VENDOR, clock);
    }

    @AfterEach
    void stopFleet() {
        threads.shutdownNow();
        fleet.close();
    }

    private List<AccessToken> allAtOnce(List<Credentials> instances) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AccessToken>> results = new ArrayList<>();
        for (Credentials instance : instances) {
            results.add(threads.submit(() -> {
                start.await();
                return instance.token();
            }));
        }
        start.countDown();
        List<AccessToken> tokens = new ArrayList<>();
        for (Future<AccessToken> result : results) {
            tokens.add(result.get(20, TimeUnit.SECONDS));
        }
        return tokens;
    }

    @Test
    void instancesSharingOneRedisMakeOneTokenRequestAtStartAndOneAtExpiry() throws Exception {
        // The delay keeps the holder's request in flight while the other instances ask.
        Fleet.issueTokens(VENDOR, Duration.ofMinutes(10), Duration.ofMillis(300));
        List<Credentials> instances = List.of(fleet.instance(), fleet.instance(), fleet.instance(), fleet.instance());

        List<AccessToken> first = allAtOnce(instances);
        assertThat(Fleet.tokenRequests(VENDOR)).isEqualTo(1);
        assertThat(first).extracting(AccessToken::value).containsOnly(first.get(0).value());

        clock.advance(Duration.ofMinutes(10));
        List<AccessToken> second = allAtOnce(instances);

        assertThat(Fleet.tokenRequests(VENDOR)).isEqualTo(2);
        assertThat(second).extracting(AccessToken::value).containsOnly(second.get(0).value())
                .doesNotContain(first.get(0).value());
    }

    @Test
    void anInstanceRefreshingAStaleTokenTakesTheNewerOneAnotherInstanceAlreadyFetched() {
        Fleet.issueTokens(VENDOR, Duration.ofMinutes(10), Duration.ZERO);
        RedisSharedState one = fleet.state();
        RedisSharedState other = fleet.state();
        String account = "fleet-test:stale";
        AccessToken first = one.tokens().obtainToken(account, null, false, () -> token("first", Duration.ofMinutes(10)));

        clock.advance(Duration.ofMinutes(9));
        AccessToken refreshed = one.tokens().obtainToken(account, first, false, () -> token("second", Duration.ofMinutes(10)));
        AccessToken seenByOther = other.tokens().obtainToken(account, first, false, () -> {
            throw new AssertionError("the fleet already has a newer token");
        });

        assertThat(refreshed.value()).isEqualTo("second");
        assertThat(seenByOther.value()).isEqualTo("second");
    }

    @Test
    void aRejectedTokenIsReplacedOnceAndEveryInstanceOfTheFleetDropsIt() throws Exception {
        Fleet.issueTokens(VENDOR, Duration.ofMinutes(10), Duration.ZERO);
        RedisSharedState stateA = fleet.state();
        RedisSharedState stateB = fleet.state();
        Credentials a = fleet.track(fleet.credentialsBuilder(stateA, 0).build());
        CountDownLatch bDropped = new CountDownLatch(1);
        Credentials b = fleet.track(fleet.credentialsBuilder(stateB, 0)
                .listener(event -> {
                    if (event.type() == AuthEvent.Type.REJECTED) {
                        bDropped.countDown();
                    }
                }).build());
        // no follow(b): every Credentials built with the state follows the fleet
        Authorization used = a.authorization();
        assertThat(b.token().value()).isEqualTo(used.token().value());

        a.rejected(used);
        AccessToken replacement = a.token();

        assertThat(bDropped.await(5, TimeUnit.SECONDS)).as("B hears of the rejection").isTrue();
        assertThat(b.peek()).isEmpty();
        assertThat(b.token().value()).isEqualTo(replacement.value()).isNotEqualTo(used.token().value());
        assertThat(Fleet.tokenRequests(VENDOR)).isEqualTo(2);
    }

    @Test
    void closedInstancesLeaveNoRegistrationInALongLivedFleetState() throws Exception {
        Fleet.issueTokens(VENDOR, Duration.ofMinutes(10), Duration.ZERO);
        RedisSharedState shared = fleet.state();
        List<Credentials> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            instances.add(fleet.credentialsBuilder(shared, 0).build());
        }
        Credentials announcer = fleet.instance();
        AccessToken token = announcer.token();
        for (Credentials instance : instances) {
            assertThat(instance.token().value()).isEqualTo(token.value());
        }
        assertThat(shared.following()).isEqualTo(4);

        instances.forEach(Credentials::close);

        assertThat(shared.following()).as("a long-lived fleet state forgets closed accounts").isZero();
        assertThat(Fleet.tokenRequests(VENDOR)).isEqualTo(1);
    }

    @Test
    void aRejectionOfATokenTheFleetAlreadyReplacedDoesNotDropTheNewOne() {
        RedisSharedState one = fleet.state();
        String account = "fleet-test:late-401";
        AccessToken old = one.tokens().obtainToken(account, null, false, () -> token("old", Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(9));
        AccessToken current = one.tokens().obtainToken(account, old, false, () -> token("current", Duration.ofMinutes(10)));

        // A late 401 for the old token: compare-and-refresh keeps the current one.
        AccessToken after = fleet.state().tokens().obtainToken(account, old, true, () -> {
            throw new AssertionError("the current token was not the one rejected");
        });

        assertThat(after.value()).isEqualTo(current.value());
    }

    @Test
    void aStalledLeaseHolderWithAnOldFenceCannotOverwriteTheNewerToken() throws Exception {
        String account = "fleet-test:stalled";
        RedisSharedState stalled = fleet.track(fleet.stateBuilder().leaseTime(Duration.ofMillis(200)).build());
        RedisSharedState successor = fleet.track(fleet.stateBuilder().leaseTime(Duration.ofSeconds(5)).build());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Future<AccessToken> stalledResult = threads.submit(() -> stalled.tokens().obtainToken(account, null, false, () -> {
            holding.countDown();
            try {
                resume.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return token("from-stalled-holder", Duration.ofMinutes(10));
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        // Waits for the stalled holder's lease to run out, then takes the next fence.
        AccessToken newer = successor.tokens().obtainToken(account, null, false, () -> token("from-successor", Duration.ofMinutes(10)));
        resume.countDown();
        AccessToken returnedToStalled = stalledResult.get(5, TimeUnit.SECONDS);

        assertThat(newer.value()).isEqualTo("from-successor");
        assertThat(returnedToStalled.value()).as("the fleet's token wins").isEqualTo("from-successor");
        AccessToken inRedis = fleet.state().tokens().obtainToken(account, null, false, () -> {
            throw new AssertionError("Redis holds a token");
        });
        assertThat(inRedis.value()).isEqualTo("from-successor");
        assertThat(REDIS.dump().get("apiauth:{" + account + "}:token")).contains("fence=2");
    }

    @Test
    void aWaitingInstanceFetchesItselfWhenTheHolderTakesLongerThanTheWaitTime() throws Exception {
        String account = "fleet-test:slow-holder";
        RedisSharedState holder = fleet.state();
        RedisSharedState impatient = fleet.track(fleet.stateBuilder().waitTime(Duration.ofMillis(200)).build());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Future<AccessToken> held = threads.submit(() -> holder.tokens().obtainToken(account, null, false, () -> {
            holding.countDown();
            try {
                resume.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return token("holders", Duration.ofMinutes(10));
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ownFetches = new AtomicInteger();

        AccessToken own = impatient.tokens().obtainToken(account, null, false, () -> {
            ownFetches.incrementAndGet();
            return token("impatients", Duration.ofMinutes(10));
        });
        resume.countDown();

        assertThat(own.value()).isEqualTo("impatients");
        assertThat(ownFetches).hasValue(1);
        assertThat(held.get(5, TimeUnit.SECONDS).value()).as("only the lease holder stores").isEqualTo("holders");
    }

    @Test
    void aTokenOfAnotherAccountIsNeverHandedOut() {
        RedisSharedState state = fleet.state();
        state.tokens().obtainToken("fleet-test:one", null, false, () -> token("for-one", Duration.ofMinutes(10)));

        AccessToken other = state.tokens().obtainToken("fleet-test:two", null, false, () -> token("for-two", Duration.ofMinutes(10)));

        assertThat(other.value()).isEqualTo("for-two");
    }

    @Test
    void aTokenSealedForOneAccountDoesNotOpenUnderAnother() {
        RedisSharedState state = fleet.state();
        state.tokens().obtainToken("fleet-test:one", null, false, () -> token("for-one", Duration.ofMinutes(10)));
        Map<String, String> stored = REDIS.dump();
        String sealed = stored.get("apiauth:{fleet-test:one}:token").replaceAll(".*token=([^,}]+).*", "$1");
        Encryption encryption = new Encryption(List.of(java.util.Base64.getDecoder().decode(Fleet.KEY.reveal())));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encryption.open(sealed, RedisSharedState.tokenContext("fleet-test:two")))
                .isInstanceOf(Encryption.UnreadableException.class);
    }

    @Test
    void tokensKeepTypeExpiryScopesAndAttributesThroughRedis() {
        AccessToken original = AccessToken.builder("with-attributes", clock.instant()).type("MAC")
                .expiresIn(Duration.ofMinutes(10)).scopes(List.of("read", "write"))
                .attribute("customer", "acme").attribute("userId", 42).build();
        fleet.state().tokens().obtainToken("fleet-test:attributes", null, false, () -> original);

        AccessToken copy = fleet.state().tokens().obtainToken("fleet-test:attributes", null, false, () -> {
            throw new AssertionError("the token is in Redis");
        });

        assertThat(copy.value()).isEqualTo("with-attributes");
        assertThat(copy.type()).isEqualTo("MAC");
        assertThat(copy.issuedAt()).isEqualTo(original.issuedAt());
        assertThat(copy.expiresAt()).isEqualTo(original.expiresAt());
        assertThat(copy.scopes()).containsExactly("read", "write");
        assertThat(copy.attributes()).containsEntry("customer", "acme").containsEntry("userId", 42);
    }

    @Test
    void aRedisUserWithoutSubscribeStillSharesTokens() throws Exception {
        assertThat(REDIS.command("ACL SETUSER restricted on >pw-Kq2 ~* &* +@all -subscribe")).startsWith("+OK");
        String uri = "redis://restricted:pw-Kq2@127.0.0.1:" + REDIS.port();
        RedisSharedState one = fleet.track(fleet.stateBuilder().redisUri(uri).build());
        RedisSharedState other = fleet.track(fleet.stateBuilder().redisUri(uri).build());

        one.tokens().obtainToken("fleet-test:restricted", null, false, () -> token("shared", Duration.ofMinutes(10)));
        AccessToken seen = other.tokens().obtainToken("fleet-test:restricted", null, false, () -> {
            throw new AssertionError("the token is in Redis");
        });

        assertThat(seen.value()).isEqualTo("shared");
        assertThat(one.sharing()).isTrue();
    }

    private AccessToken token(String value, Duration lifetime) {
        return AccessToken.builder(value, clock.instant()).expiresIn(lifetime).build();
    }
}
