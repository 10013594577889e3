package dev.apiauth.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void standsStillUntilMovedAndIsUtc() {
        MutableClock clock = new MutableClock(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock).hasToString("MutableClock[2026-03-02T09:00:00Z]");
    }

    @Test
    void advancesAndSetsForward() {
        MutableClock clock = new MutableClock(START);

        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));
        clock.advance(Duration.ZERO);
        clock.set(START.plusSeconds(300));
        clock.set(START.plusSeconds(3600));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(3600));
    }

    @Test
    void refusesToGoBack() {
        MutableClock clock = new MutableClock(START);
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> clock.set(START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-03-02T09:00:00Z is before 2026-03-02T10:00:00Z");
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(3600));
        assertThatThrownBy(() -> new MutableClock(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concurrentAdvancesAreNotLost() throws Exception {
        MutableClock clock = new MutableClock(START);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 10_000; i++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(clock.instant()).isEqualTo(START.plusMillis(40_000));
    }

    @Test
    void zoneAndInstanceViewsMoveWithTheClockButAreOtherObjects() {
        MutableClock clock = new MutableClock(START);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        Clock instance = MutableClock.viewOf(clock);
        Clock system = MutableClock.viewOf(Clock.systemUTC());

        clock.advance(Duration.ofSeconds(42));

        assertThat(paris.instant()).isEqualTo(START.plusSeconds(42));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.withZone(ZoneOffset.UTC).instant()).isEqualTo(START.plusSeconds(42));
        assertThat(instance.millis()).isEqualTo(START.plusSeconds(42).toEpochMilli());
        assertThat(instance.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(instance).isNotEqualTo(clock).isNotEqualTo(MutableClock.viewOf(clock));
        assertThat(system).isNotEqualTo(Clock.systemUTC());
        assertThat(Duration.between(Instant.now(), system.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
