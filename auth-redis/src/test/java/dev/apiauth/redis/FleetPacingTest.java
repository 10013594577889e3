package dev.apiauth.redis;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FleetPacingTest {
    private static final int PER_SECOND = 5;

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private final WireMockServer vendor = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final List<Fleet> fleets = new ArrayList<>();

    @BeforeEach
    void start() {
        vendor.start();
    }

    @AfterEach
    void stop() {
        fleets.forEach(Fleet::close);
        vendor.stop();
    }

    private List<Credentials> twoInstances(Clock clock, Duration maxPacingWait) {
        Fleet fleet = new Fleet(REDIS.uri(), vendor, clock);
        fleets.add(fleet);
        List<Credentials> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            instances.add(fleet.track(fleet.credentialsBuilder(fleet.state(), PER_SECOND).maxPacingWait(maxPacingWait).build()));
        }
        return instances;
    }

    private static int granted(List<Credentials> instances, int attemptsEach) {
        int granted = 0;
        for (int attempt = 0; attempt < attemptsEach; attempt++) {
            for (Credentials instance : instances) {
                try {
                    instance.pace();
                    granted++;
                } catch (TransientAuthException spent) {
                    assertThat(spent.status()).hasValue(429);
                }
            }
        }
        return granted;
    }

    @Test
    void twoInstancesTogetherGetNoMorePermitsThanTheBudgetAllowsOne() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        List<Credentials> instances = twoInstances(clock, Duration.ZERO);

        int firstSecond = granted(instances, 10);
        clock.advance(Duration.ofSeconds(1));
        int secondSecond = granted(instances, 10);
        clock.advance(Duration.ofMillis(400));
        int twoFifthsLater = granted(instances, 10);

        assertThat(firstSecond).isEqualTo(PER_SECOND);
        assertThat(secondSecond).isEqualTo(PER_SECOND);
        assertThat(twoFifthsLater).isEqualTo(2);
        assertThat(REDIS.dump()).containsKey("apiauth:budget:fleet-test:" + Fleet.CLIENT_ID + ":5/PT1S");
    }

    @Test
    void theFleetsBudgetRefillsByTheClockOfTheAccountThatPaces() {
        // The state is built without a clock (the system's): the budget still follows the accounts' fake one.
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        Fleet fleet = new Fleet(REDIS.uri(), vendor, clock);
        fleets.add(fleet);
        RedisSharedState state = fleet.track(RedisSharedState.builder().redisUri(REDIS.uri()).encryptionKey(Fleet.KEY)
                .commandTimeout(Duration.ofSeconds(5)).build());
        List<Credentials> instances = List.of(
                fleet.track(fleet.credentialsBuilder(state, PER_SECOND).maxPacingWait(Duration.ZERO).build()),
                fleet.track(fleet.credentialsBuilder(state, PER_SECOND).maxPacingWait(Duration.ZERO).build()));

        int firstSecond = granted(instances, 10);
        int sameInstant = granted(instances, 10);
        clock.advance(Duration.ofSeconds(1));
        int secondSecond = granted(instances, 10);

        assertThat(firstSecond).isEqualTo(PER_SECOND);
        assertThat(sameInstant).as("no refill while the accounts' clock stands still").isZero();
        assertThat(secondSecond).isEqualTo(PER_SECOND);
    }

    @Test
    void pacedRequestsOfTwoInstancesMeasuredOverAWindowStayWithinTheBudget() throws Exception {
        List<Credentials> instances = twoInstances(Clock.systemUTC(), Duration.ofSeconds(5));
        long window = TimeUnit.MILLISECONDS.toNanos(1500);
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            long start = System.nanoTime();
            List<Future<Integer>> counts = new ArrayList<>();
            for (Credentials instance : instances) {
                counts.add(threads.submit(() -> {
                    int withinWindow = 0;
                    while (true) {
                        instance.pace();
                        if (System.nanoTime() - start > window) {
                            return withinWindow;
                        }
                        withinWindow++;
                    }
                }));
            }
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get(20, TimeUnit.SECONDS);
            }

            // A full bucket (5) plus 1.5 s of refill (7.5): two unshared buckets would allow about twice that.
            assertThat(total).isBetween(PER_SECOND, PER_SECOND + (int) (PER_SECOND * 1.5) + 1);
        } finally {
            threads.shutdownNow();
        }
    }
}
