package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.core.internal.SharedExecutor;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TokenLifecycleTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private MutableClock clock;
    private ScriptedProvider provider;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<Runnable> backgroundTasks = new CopyOnWriteArrayList<>();
    private final List<AuthEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        provider = new ScriptedProvider(clock);
    }

    private Credentials.Builder builder() {
        return Credentials.builder(provider)
                .settings(Map.of("client-secret", ScriptedProvider.SECRET))
                .clock(clock)
                .refreshPolicy(RefreshPolicy.builder().jitter(0).build())
                .retryPolicy(RetryPolicy.builder().random(() -> 0.5).build())
                .sleeper(duration -> {
                    sleeps.add(duration);
                    clock.advance(duration);
                })
                .backgroundExecutor(backgroundTasks::add)
                .listener(events::add);
    }

    private void runBackgroundTasks() {
        List<Runnable> tasks = new ArrayList<>(backgroundTasks);
        backgroundTasks.clear();
        tasks.forEach(Runnable::run);
    }

    private void at(Duration sinceStart) {
        clock.set(START.plus(sinceStart));
    }

    private static java.util.concurrent.ThreadFactory recording(List<Thread> threads) {
        return task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        };
    }

    /**
     * Waits (bounded by the class's timeout) until {@code count} of {@code threads} are blocked in
     * {@code TokenLifecycle.awaitFetch} on the future of the fetch in flight: the state the
     * assertions that follow depend on, observed instead of guessed with a sleep.
     */
    private static void awaitWaitingForTheFetchInFlight(List<Thread> threads, int count) {
        while (threads.stream().filter(TokenLifecycleTest::waitsForTheFetchInFlight).count() < count) {
            Thread.onSpinWait();
        }
    }

    private static boolean waitsForTheFetchInFlight(Thread thread) {
        if (thread.getState() != Thread.State.TIMED_WAITING) {
            return false;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        boolean inFuture = false;
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(java.util.concurrent.CompletableFuture.class.getName())) {
                inFuture = true;
            } else if (frame.getClassName().equals(TokenLifecycle.class.getName())) {
                return inFuture && frame.getMethodName().equals("awaitFetch");
            }
        }
        return false;
    }

    @Test
    void fetchesOnceAndServesTheCachedTokenWhileFresh() {
        Credentials credentials = builder().build();
        String first = credentials.token().value();
        for (int i = 0; i < 1000; i++) {
            assertThat(credentials.token().value()).isEqualTo(first);
        }
        assertThat(provider.fetches()).isEqualTo(1);
        assertThat(credentials.headers()).containsEntry("Authorization", "Bearer " + first);
    }

    @Test
    void doesNotFetchBeforeAnyoneAsks() {
        builder().build();
        assertThat(provider.fetches()).isZero();
    }

    @Test
    void refreshPointOfA100SecondTokenIsAt80SecondsAndExpiryAt90() {
        // ahead = min(5 min, 20% of 100 s) = 20 s; margin = min(30 s, 10% of 100 s) = 10 s
        Credentials credentials = builder().build();
        AccessToken first = credentials.token();

        at(Duration.ofMillis(79_999));
        assertThat(credentials.token()).isSameAs(first);
        assertThat(backgroundTasks).isEmpty();

        at(Duration.ofSeconds(80));
        assertThat(credentials.token()).as("a stale token is still served").isSameAs(first);
        assertThat(backgroundTasks).as("one background refresh was started").hasSize(1);
        assertThat(credentials.token()).isSameAs(first);
        assertThat(backgroundTasks).as("no second refresh while one is in flight").hasSize(1);
        assertThat(provider.fetches()).as("no caller fetched").isEqualTo(1);

        runBackgroundTasks();
        assertThat(provider.fetches()).isEqualTo(2);
        AccessToken second = credentials.token();
        assertThat(second).isNotSameAs(first);
        assertThat(events).extracting(AuthEvent::type).containsExactly(AuthEvent.Type.FETCHED, AuthEvent.Type.REFRESHED);
    }

    @Test
    void callersWaitForANewTokenExactlyAtTheExpiryPoint() {
        Credentials credentials = builder().build();
        AccessToken first = credentials.token();

        at(Duration.ofSeconds(90));
        AccessToken second = credentials.token();
        assertThat(second).isNotSameAs(first);
        assertThat(provider.fetches()).isEqualTo(2);
        assertThat(backgroundTasks).as("an expired token is fetched by the caller, not in the background").isEmpty();
        assertThat(events).extracting(AuthEvent::type).containsExactly(AuthEvent.Type.FETCHED, AuthEvent.Type.FETCHED);
    }

    @Test
    void callersOfAnExpiredTokenJoinTheBackgroundRefreshInFlight() throws Exception {
        Credentials credentials = builder().build();
        AccessToken first = credentials.token();
        at(Duration.ofMillis(89_999));
        assertThat(credentials.token()).isSameAs(first);
        assertThat(backgroundTasks).hasSize(1);

        at(Duration.ofSeconds(90));
        List<Thread> callerThreads = new CopyOnWriteArrayList<>();
        ExecutorService caller = Executors.newSingleThreadExecutor(recording(callerThreads));
        try {
            Future<AccessToken> waiting = caller.submit(credentials::token);
            awaitWaitingForTheFetchInFlight(callerThreads, 1);
            assertThat(waiting).isNotDone();
            runBackgroundTasks();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isNotSameAs(first);
            assertThat(provider.fetches()).isEqualTo(2);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aStuckTokenRequestFailsWaitingCallersAfterTheMaximumWait() {
        Credentials credentials = builder()
                .retryPolicy(RetryPolicy.builder().maxTokenWait(Duration.ofMillis(200)).build())
                .build();
        credentials.token();
        at(Duration.ofMillis(89_999));
        credentials.token(); // starts a background refresh that the executor never runs
        at(Duration.ofSeconds(90));
        assertThatThrownBy(credentials::token)
                .isInstanceOf(TransientAuthException.class)
                .hasMessageContaining("has not finished");
    }

    @Test
    void refreshPointScalesFromTenSecondsToOneDay() {
        RefreshPolicy policy = RefreshPolicy.builder().jitter(0).build();
        RefreshPolicy.Schedule tenSeconds = policy.schedule(provider.token(Duration.ofSeconds(10)));
        assertThat(tenSeconds.staleAtMillis() - START.toEpochMilli()).isEqualTo(8_000);
        assertThat(tenSeconds.expiredAtMillis() - START.toEpochMilli()).isEqualTo(9_000);

        RefreshPolicy.Schedule oneHour = policy.schedule(provider.token(Duration.ofHours(1)));
        assertThat(oneHour.staleAtMillis() - START.toEpochMilli()).isEqualTo(Duration.ofMinutes(55).toMillis());
        assertThat(oneHour.expiredAtMillis() - START.toEpochMilli()).isEqualTo(Duration.ofMinutes(59).plusSeconds(30).toMillis());

        RefreshPolicy.Schedule oneDay = policy.schedule(provider.token(Duration.ofHours(24)));
        assertThat(oneDay.staleAtMillis() - START.toEpochMilli())
                .isEqualTo(Duration.ofHours(24).minusMinutes(5).toMillis());

        RefreshPolicy custom = RefreshPolicy.builder().jitter(0).refreshAhead(0.5, Duration.ofHours(1)).build();
        assertThat(custom.schedule(provider.token(Duration.ofSeconds(10))).staleAtMillis() - START.toEpochMilli())
                .as("configurable refresh point").isEqualTo(5_000);
    }

    @Test
    void aMaximumAgeShorterThanTheLifetimeSchedulesFromTheAgeNotTheGrant() {
        RefreshPolicy policy = RefreshPolicy.builder().jitter(0).maxTokenAge(Duration.ofMinutes(1)).build();

        RefreshPolicy.Schedule capped = policy.schedule(provider.token(Duration.ofHours(1)));

        // As for a one-minute token: stale min(5 min, 20 %) = 12 s and expired min(30 s, 10 %) = 6 s
        // before the end, not stale at once because the hour's five minutes of refresh-ahead were used.
        assertThat(capped.staleAtMillis() - START.toEpochMilli()).isEqualTo(48_000);
        assertThat(capped.expiredAtMillis() - START.toEpochMilli()).isEqualTo(54_000);
    }

    @Test
    void jitterMovesTheRefreshPointEarlierByAtMostTheJitterShare() {
        RefreshPolicy noJitter = RefreshPolicy.builder().jitter(0).build();
        RefreshPolicy maxJitter = RefreshPolicy.builder().jitter(0.1).random(() -> 0.999_999).build();
        AccessToken token = provider.token(Duration.ofHours(1));
        long plain = noJitter.schedule(token).staleAtMillis();
        long jittered = maxJitter.schedule(token).staleAtMillis();
        assertThat(plain - jittered).isBetween(29_000L, 30_000L); // up to 10% of the 5 min refresh-ahead
        assertThat(maxJitter.schedule(token).expiredAtMillis()).isEqualTo(noJitter.schedule(token).expiredAtMillis());
    }

    @Test
    void sixtyFourConcurrentCallersOnAnExpiredTokenCauseOneTokenRequest() throws Exception {
        Credentials credentials = builder().build();
        credentials.token();
        at(Duration.ofHours(1)); // long expired
        CountDownLatch everyoneAsked = new CountDownLatch(1);
        provider.then(() -> {
            try {
                everyoneAsked.await(5, TimeUnit.SECONDS); // hold the fetch so all callers pile up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return provider.token(Duration.ofSeconds(100));
        });
        List<Thread> callerThreads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(64, recording(callerThreads));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return credentials.token();
                }));
            }
            start.countDown();
            // 63 callers wait for the fetch in flight, the 64th is that fetch, held by the script.
            awaitWaitingForTheFetchInFlight(callerThreads, 63);
            everyoneAsked.countDown();
            Set<AccessToken> distinct = ConcurrentHashMap.newKeySet();
            for (Future<AccessToken> result : results) {
                distinct.add(result.get(5, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(provider.fetches()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokenOfUnknownLifetimeIsKeptUntilRejected() {
        provider.answerByDefault(() -> provider.token(null));
        Credentials credentials = builder().build();
        Authorization first = credentials.authorization();
        at(Duration.ofDays(365));
        assertThat(credentials.authorization()).isSameAs(first);
        assertThat(provider.fetches()).isEqualTo(1);

        assertThat(credentials.rejected(first)).isTrue();
        Authorization second = credentials.authorization();
        assertThat(second).isNotSameAs(first);
        assertThat(provider.fetches()).isEqualTo(2);
    }

    @Test
    void tokenOfUnknownLifetimeIsRefetchedAfterTheConfiguredMaximumAge() {
        provider.answerByDefault(() -> provider.token(null));
        Credentials credentials = builder()
                .refreshPolicy(RefreshPolicy.builder().jitter(0).maxTokenAge(Duration.ofMinutes(10)).build())
                .build();
        AccessToken first = credentials.token();
        at(Duration.ofMinutes(10).minusMillis(1));
        assertThat(credentials.token()).isSameAs(first);
        at(Duration.ofMinutes(10));
        assertThat(credentials.token()).isNotSameAs(first);
        assertThat(provider.fetches()).isEqualTo(2);
    }

    @Test
    void rejectingAnOldTokenDoesNotDropTheNewOne() {
        Credentials credentials = builder().build();
        Authorization old = credentials.authorization();
        assertThat(credentials.rejected(old)).isTrue();
        Authorization current = credentials.authorization();
        assertThat(credentials.rejected(old)).as("compare-and-refresh: old token no longer current").isFalse();
        assertThat(credentials.authorization()).isSameAs(current);
        assertThat(provider.fetches()).isEqualTo(2);
        assertThat(credentials.rejected(current)).isTrue();
        assertThat(credentials.rejected(current)).as("rejecting twice drops once").isFalse();
    }

    @Test
    void transientFailureIsRetriedAfterRetryAfter() {
        provider.thenFail(new TransientAuthException("scripted", "HTTP 503", 503, Duration.ofSeconds(2), null));
        Credentials credentials = builder().build();
        assertThat(credentials.token().value()).startsWith("tok-");
        assertThat(provider.fetches()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void transientFailuresBackOffExponentiallyAndGiveUpAfterMaxAttempts() {
        TransientAuthException unavailable = new TransientAuthException("scripted", "HTTP 500", 500, null, null);
        provider.thenFail(unavailable).thenFail(unavailable).thenFail(unavailable);
        Credentials credentials = builder().build();
        assertThatThrownBy(credentials::token).isSameAs(unavailable);
        assertThat(provider.fetches()).isEqualTo(3);
        // equal jitter with random 0.5: 75% of 200 ms, then of 400 ms
        assertThat(sleeps).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
    }

    @Test
    void retryAfterLongerThanTheMaximumWaitFailsFastAndIsHonouredByLaterCallers() {
        provider.thenFail(new TransientAuthException("scripted", "HTTP 429", 429, Duration.ofSeconds(60), null));
        Credentials credentials = builder().build();
        assertThatThrownBy(credentials::token).isInstanceOf(TransientAuthException.class);
        assertThat(sleeps).isEmpty();
        assertThat(provider.fetches()).isEqualTo(1);

        at(Duration.ofSeconds(59));
        assertThatThrownBy(credentials::token)
                .isInstanceOfSatisfying(TransientAuthException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                    assertThat(e.getMessage()).contains("next attempt in 1000 ms");
                });
        assertThat(provider.fetches()).as("no request before Retry-After has passed").isEqualTo(1);

        at(Duration.ofSeconds(60));
        assertThat(credentials.token().value()).startsWith("tok-");
        assertThat(provider.fetches()).isEqualTo(2);
    }

    @Test
    void rejectedCredentialsAreNotRetriedUntilTheCooldownPasses() {
        CredentialsRejectedException rejected = new CredentialsRejectedException("scripted", 401, "invalid_client", "bad");
        provider.thenFail(rejected);
        Credentials credentials = builder().build();
        assertThatThrownBy(credentials::token).isSameAs(rejected);
        assertThatThrownBy(credentials::token).isSameAs(rejected);
        assertThat(provider.fetches()).isEqualTo(1);
        assertThat(sleeps).isEmpty();

        at(Duration.ofSeconds(30));
        assertThat(credentials.token().value()).startsWith("tok-");
        assertThat(provider.fetches()).isEqualTo(2);
    }

    @Test
    void failedBackgroundRefreshKeepsServingTheStillValidToken() {
        Credentials credentials = builder().build();
        AccessToken first = credentials.token();
        provider.thenFail(new TransientAuthException("scripted", "HTTP 503", 503, null, null))
                .thenFail(new TransientAuthException("scripted", "HTTP 503", 503, null, null))
                .thenFail(new TransientAuthException("scripted", "HTTP 503", 503, null, null));
        at(Duration.ofSeconds(85));
        assertThat(credentials.token()).isSameAs(first);
        runBackgroundTasks();
        assertThat(credentials.token()).as("still valid until 90 s").isSameAs(first);
        assertThat(events).extracting(AuthEvent::type).containsExactly(AuthEvent.Type.FETCHED, AuthEvent.Type.FAILED);
    }

    @Test
    void unexpectedProviderExceptionBecomesATypedError() {
        provider.thenFail(new IllegalStateException("boom"));
        Credentials credentials = builder().build();
        assertThatThrownBy(credentials::token)
                .isExactlyInstanceOf(AuthException.class)
                .hasMessageContaining("bug in the provider")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventsAndPrintedValuesNeverShowTheTokenOrSecret() {
        CredentialsRejectedException rejected = new CredentialsRejectedException("scripted", 401, null, null);
        Credentials credentials = builder().build();
        Authorization authorization = credentials.authorization();
        credentials.rejected(authorization);
        provider.thenFail(rejected);
        assertThatThrownBy(credentials::token).isSameAs(rejected);
        String token = authorization.token().value();
        assertThat(events).extracting(AuthEvent::type)
                .containsExactly(AuthEvent.Type.FETCHED, AuthEvent.Type.REJECTED, AuthEvent.Type.FAILED);
        for (Object printed : List.of(events, authorization, authorization.token(), credentials, credentials.settings())) {
            assertThat(printed.toString()).doesNotContain(token).doesNotContain(ScriptedProvider.SECRET);
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakTheEngine() {
        Credentials credentials = builder().listener(event -> {
            throw new IllegalStateException("listener bug");
        }).build();
        assertThat(credentials.token().value()).startsWith("tok-");
    }

    @Test
    void withTheSystemClockAFreshTokenTurnsStaleAtItsStalePointThroughTheTimer() {
        // A 10 s token stale after 1 s and expired after 10 s: only the timer's flip can make the trusted state
        // look at the clock, and a flip a busy machine delays still lands long before the expiry.
        ScriptedProvider systemTime = new ScriptedProvider(java.time.Clock.systemUTC());
        systemTime.answerByDefault(() -> systemTime.token(Duration.ofSeconds(10)));
        try (Credentials credentials = Credentials.builder(systemTime)
                .settings(Map.of("client-secret", ScriptedProvider.SECRET))
                .refreshPolicy(RefreshPolicy.builder().refreshAhead(0.9, Duration.ofMinutes(1))
                        .expiryMargin(0, Duration.ZERO).jitter(0).build())
                .backgroundExecutor(backgroundTasks::add)
                .build()) {
            long fetched = System.currentTimeMillis();
            AccessToken first = credentials.token();
            assertThat(SharedExecutor.TIMER.leases()).isPositive();
            while (backgroundTasks.isEmpty()) {
                assertThat(credentials.token()).as("served while fresh and while stale").isSameAs(first);
                Thread.onSpinWait();
            }
            assertThat(System.currentTimeMillis() - fetched).as("not stale before its stale point").isGreaterThanOrEqualTo(990);
            assertThat(systemTime.fetches()).as("the refresh runs in the background").isEqualTo(1);
            runBackgroundTasks();
            assertThat(credentials.token()).isNotSameAs(first);
        }
    }

    @Test
    void afterCloseTheTimerIsReleasedAndTokensAreComparedWithTheClockInstead() {
        ScriptedProvider systemTime = new ScriptedProvider(java.time.Clock.systemUTC());
        systemTime.answerByDefault(() -> systemTime.token(Duration.ofSeconds(1)));
        int before = SharedExecutor.TIMER.leases();
        Credentials credentials = Credentials.builder(systemTime)
                .settings(Map.of("client-secret", ScriptedProvider.SECRET))
                .refreshPolicy(RefreshPolicy.builder().jitter(0).build())
                .backgroundExecutor(Runnable::run)
                .build();
        // one lease for the lifecycle's flips, one for the call deadlines of the transport the engine made
        assertThat(SharedExecutor.TIMER.leases()).isEqualTo(before + 2);
        AccessToken first = credentials.token();

        credentials.close();
        credentials.close(); // twice is harmless
        assertThat(SharedExecutor.TIMER.leases()).isEqualTo(before);

        // Nothing flips this account's state any more: only comparing with the clock ends the first token.
        AccessToken later = credentials.token();
        while (later == first) {
            Thread.onSpinWait();
            later = credentials.token();
        }
        assertThat(systemTime.fetches()).isEqualTo(2);
    }
}
