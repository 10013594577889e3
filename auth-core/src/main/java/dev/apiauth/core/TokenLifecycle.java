package dev.apiauth.core;

import dev.apiauth.core.internal.SharedExecutor;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.TransientAuthException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's token: fresh, stale or expired. Stale tokens are refreshed in the background while
 * callers keep using them; expired ones make callers wait for a single shared fetch (single-flight).
 *
 * <p><b>The hot path reads no clock and no thread polls one.</b> A {@link State} is either
 * <em>trusted</em> (fresh, no clock needed) or compared with the clock on every read. With the
 * system clock a new token's state is published trusted, and one task on a shared timer thread
 * ({@code apiauth-timer}, {@link SharedExecutor#TIMER}) replaces it with its compared twin at the
 * token's stale point: one wake-up per token lifetime, none while idle. A fresh token thus costs a
 * volatile read and a field read. Every other state (none yet, stale, rejected) is compared with
 * the clock, so stale and expired are decided exactly whenever the flip has happened.
 *
 * <p>With any other clock (a fake one in tests, an offset clock) no state is ever trusted and
 * nothing is scheduled: every call compares with that clock, so tests are exact without threads.
 * The same holds after {@link #close()} and when the timer refuses a task.
 *
 * <p>The timer measures delays on the monotonic clock, the schedule is in wall-clock time. A flip
 * that fires late (a laptop that slept, the wall clock stepped forward) lets a token be used past
 * its stale point, at worst past its expiry: the API's 401 then drops it through
 * {@link #rejected(Authorization)}, as for any token the vendor revoked early. A flip that fires
 * early (the wall clock stepped back) only makes callers compare with the clock sooner.
 */
final class TokenLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TokenLifecycle.class);
    private static final VarHandle STATE;
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final Class<? extends Clock> SYSTEM_CLOCK = Clock.systemUTC().getClass();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TokenLifecycle.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String providerId;
    private final String accountKey;
    private final TokenSource source;
    private final RequestPacer pacer;
    private final Clock clock;
    /** Present when the clock is the system clock: then fresh states are trusted and flipped by this timer. */
    private final SharedExecutor.Lease<ScheduledExecutorService> timer;
    private final RefreshPolicy refreshPolicy;
    private final RetryPolicy retryPolicy;
    private final Executor background;
    private final Sleeper sleeper;
    private final AuthListener listener;
    private final SharedTokens shared;

    @SuppressWarnings("unused") // accessed through STATE as well
    private volatile State state = State.NONE;
    private volatile Failure failure;
    private final AtomicBoolean implausibleWarned = new AtomicBoolean();
    private final AtomicReference<CompletableFuture<State>> inflight = new AtomicReference<>();
    private final AtomicReference<ScheduledFuture<?>> pendingFlip = new AtomicReference<>();
    private volatile boolean closed;

    /**
     * Everything one account's lifecycle is made of, assembled once by {@link Credentials}.
     *
     * @param providerId names the provider in messages and events
     * @param accountKey identifies the account to the {@link SharedTokens}
     * @param source the provider's token source
     * @param pacer paces each token request to the provider's rate budget ({@link RequestPacer#none()} for none)
     * @param clock decides freshness; only the system clock lets fresh states be trusted without reading it
     * @param refreshPolicy when a token turns stale and expired
     * @param retryPolicy how failed token requests are retried
     * @param background where background refreshes run
     * @param sleeper how waits between attempts happen
     * @param listener receives the lifecycle's events
     * @param shared token coordination across a fleet
     */
    record Config(String providerId, String accountKey, TokenSource source, RequestPacer pacer, Clock clock,
            RefreshPolicy refreshPolicy, RetryPolicy retryPolicy, Executor background, Sleeper sleeper,
            AuthListener listener, SharedTokens shared) {
        Config {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(accountKey, "accountKey");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pacer, "pacer");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(refreshPolicy, "refreshPolicy");
            Objects.requireNonNull(retryPolicy, "retryPolicy");
            Objects.requireNonNull(background, "background");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(shared, "shared");
        }
    }

    TokenLifecycle(Config config) {
        this.providerId = config.providerId();
        this.accountKey = config.accountKey();
        this.source = config.source();
        this.pacer = config.pacer();
        this.clock = config.clock();
        this.timer = clock.getClass() == SYSTEM_CLOCK ? SharedExecutor.TIMER.acquire() : null;
        this.refreshPolicy = config.refreshPolicy();
        this.retryPolicy = config.retryPolicy();
        this.background = config.background();
        this.sleeper = config.sleeper();
        this.listener = config.listener();
        this.shared = config.shared();
    }

    /** The current authorization, fetching or refreshing as its state requires. */
    Authorization authorization() {
        State current = state;
        if (current.trusted) {
            return current.authorization;
        }
        return slowPath(current);
    }

    private Authorization slowPath(State seen) {
        long now = clock.millis();
        if (now < seen.staleAtMillis) {
            return seen.authorization; // fresh by the clock: not trusted (another clock), or not flipped yet
        }
        if (seen.isUsableAt(now)) {
            refreshInBackground(seen, now);
            return seen.authorization;
        }
        return awaitFetch(seen).authorization;
    }

    /** Marks {@code used} rejected if it is still the current authorization. */
    boolean rejected(Authorization used) {
        State current = state;
        if (used == null || current.authorization != used || current.isRejected()) {
            return false;
        }
        if (STATE.compareAndSet(this, current, current.rejected())) {
            LOG.debug("{}: the API rejected the current token; the next request fetches a new one", providerId);
            emit(AuthEvent.Type.REJECTED, clock.millis(), 0, null, null);
            return true;
        }
        return false;
    }

    /**
     * Another instance of the fleet reports a rejected token: drops the current one if it is that
     * token, as {@link #rejected(Authorization)} would ({@link RejectionListener}).
     */
    void rejectedElsewhere(Predicate<AccessToken> isRejected) {
        State current = state;
        if (current.isUsableAt(clock.millis()) && isRejected.test(current.authorization.token())) {
            rejected(current.authorization);
        }
    }

    /** Forgets the current token whatever it is. */
    void invalidate() {
        State current = state;
        if (current.authorization != null) {
            STATE.compareAndSet(this, current, current.rejected());
        }
    }

    /** The current authorization without fetching, if one is usable now. */
    Optional<Authorization> peek() {
        State current = state;
        return current.isUsableAt(clock.millis()) ? Optional.of(current.authorization) : Optional.empty();
    }

    private void refreshInBackground(State seen, long now) {
        Failure last = failure;
        if ((last != null && now < last.retryAtMillis) || inflight.get() != null) {
            return;
        }
        CompletableFuture<State> mine = new CompletableFuture<>();
        if (!inflight.compareAndSet(null, mine)) {
            return;
        }
        if (state != seen) {
            release(mine, state);
            return;
        }
        try {
            background.execute(() -> fetch(mine, true));
        } catch (RejectedExecutionException e) {
            LOG.warn("{}: background token refresh could not be scheduled ({}); the next caller after expiry will fetch",
                    providerId, e.toString());
            release(mine, state);
        }
    }

    private State awaitFetch(State seen) {
        while (true) {
            CompletableFuture<State> running = inflight.get();
            if (running == null) {
                long now = clock.millis();
                State latest = state;
                if (latest != seen && latest.isUsableAt(now)) {
                    return latest;
                }
                Failure last = failure;
                if (last != null && now < last.retryAtMillis) {
                    throw failFast(last, now);
                }
                CompletableFuture<State> mine = new CompletableFuture<>();
                if (!inflight.compareAndSet(null, mine)) {
                    continue;
                }
                latest = state;
                if (latest != seen && latest.isUsableAt(now)) {
                    release(mine, latest);
                    return latest;
                }
                fetch(mine, false);
                running = mine;
            }
            try {
                return running.get(retryPolicy.maxTokenWait().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AuthException authException) {
                    throw authException;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new AuthException(providerId, "the token request failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new TransientAuthException(providerId, "no token within " + retryPolicy.maxTokenWait().toMillis()
                        + " ms: the token request in flight has not finished", null, null, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientAuthException(providerId, "interrupted while waiting for a token", null, null, e);
            }
        }
    }

    private void release(CompletableFuture<State> mine, State result) {
        inflight.set(null);
        mine.complete(result);
    }

    /** Fetches with retries, publishes the result and completes {@code mine}. Never throws. */
    private void fetch(CompletableFuture<State> mine, boolean inBackground) {
        long started = clock.millis();
        int attempts = 0;
        Failure lastFailure = failure;
        int consecutive = lastFailure == null ? 0 : lastFailure.consecutive;
        while (true) {
            attempts++;
            AuthException error;
            try {
                State held = state;
                AccessToken heldToken = held.authorization == null ? null : held.authorization.token();
                AccessToken token = shared.obtainToken(accountKey, heldToken, held.isRejected(), this::fetchPlausible);
                if (token == null) {
                    throw new AuthException(providerId, "the provider returned no token; this is a bug in the provider");
                }
                RefreshPolicy.Schedule schedule = refreshPolicy.schedule(token);
                State next = publish(new Authorization(token, source.headers(token)), schedule);
                failure = null;
                release(mine, next);
                long now = clock.millis();
                if (LOG.isDebugEnabled()) { // formatting the expiry loads java.time's formatters: not on the first token
                    LOG.debug("{}: {} token after {} attempt(s), expires {}", providerId, inBackground ? "refreshed"
                            : "fetched", attempts, token.expiresAt().map(Object::toString).orElse("unknown"));
                }
                emit(inBackground ? AuthEvent.Type.REFRESHED : AuthEvent.Type.FETCHED, now, attempts,
                        token.expiresAt().orElse(null), null, started);
                return;
            } catch (AuthException e) {
                error = e;
            } catch (RuntimeException e) {
                error = new AuthException(providerId, "the provider failed unexpectedly with " + e.getClass().getName()
                        + "; this is a bug in the provider", e);
            } catch (Error e) {
                // Waiting callers must not hang on a future nobody completes.
                failure = new Failure(new AuthException(providerId, "the provider failed with " + e.getClass().getName(), e),
                        clock.millis() + retryPolicy.backoff(1).toMillis(), 1);
                inflight.set(null);
                mine.completeExceptionally(e);
                throw e;
            }
            consecutive++;
            Duration wait = waitAfter(error, consecutive);
            boolean retry = error.retryable() && attempts < retryPolicy.maxAttempts()
                    && wait.compareTo(retryPolicy.maxRetryWait()) <= 0;
            if (retry) {
                LOG.debug("token request failed ({}); retrying in {} ms", error.getMessage(), wait.toMillis());
                try {
                    sleeper.sleep(wait);
                    continue;
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    error = new TransientAuthException(providerId, "interrupted while waiting to retry the token request",
                            null, null, error);
                }
            }
            long now = clock.millis();
            failure = new Failure(error, now + wait.toMillis(), consecutive);
            inflight.set(null);
            mine.completeExceptionally(error);
            // The message already names the provider.
            LOG.warn("token request failed after {} attempt(s): {}", attempts, error.getMessage());
            emit(AuthEvent.Type.FAILED, now, attempts, null, error, started);
            return;
        }
    }

    /**
     * Makes a new token current: trusted with a flip scheduled at its stale point when the timer
     * can do that, compared with the clock otherwise.
     */
    private State publish(Authorization authorization, RefreshPolicy.Schedule schedule) {
        long staleAt = schedule.staleAtMillis();
        long delay = staleAt == Long.MAX_VALUE ? Long.MAX_VALUE : staleAt - clock.millis();
        boolean trusted = timer != null && !closed && delay > 0;
        State next = new State(authorization, staleAt, schedule.expiredAtMillis(), trusted);
        state = next;
        if (!trusted) {
            cancelFlip();
        } else if (staleAt == Long.MAX_VALUE) {
            cancelFlip(); // never stale (unknown lifetime, no maximum age): kept until rejected
        } else {
            scheduleFlip(next, delay);
        }
        return next;
    }

    private void scheduleFlip(State trusted, long delayMillis) {
        ScheduledFuture<?> flip;
        try {
            flip = timer.executor().schedule(() -> distrust(trusted), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            distrust(trusted); // closed meanwhile: compared with the clock from now on
            return;
        }
        ScheduledFuture<?> previous = pendingFlip.getAndSet(flip);
        if (previous != null) {
            previous.cancel(false);
        }
        if (closed) {
            cancelFlip();
            distrust(trusted);
        }
    }

    /** Replaces {@code trusted} by its compared twin if it is still current; the flip's whole job. */
    private void distrust(State trusted) {
        STATE.compareAndSet(this, trusted, trusted.compared());
    }

    private void cancelFlip() {
        ScheduledFuture<?> previous = pendingFlip.getAndSet(null);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /**
     * Cancels the pending flip and releases the shared timer (its thread ends with the last
     * account). The lifecycle keeps working, comparing every state with the clock.
     */
    void close() {
        closed = true;
        cancelFlip();
        State current = state;
        if (current.trusted) {
            distrust(current);
        }
        if (timer != null) {
            timer.close();
        }
    }

    /** One fetch from the source, an implausible lifetime capped (see {@link RefreshPolicy}) before anyone sees it. */
    private AccessToken fetchPlausible() {
        pacer.acquire(); // the token request counts against the vendor's budget too
        AccessToken token = source.fetch();
        AccessToken capped = token == null ? null : refreshPolicy.capImplausible(token);
        if (capped != token) {
            // Once per account: the vendor will keep answering the same way.
            boolean first = implausibleWarned.compareAndSet(false, true);
            String seconds = token.lifetime().map(Duration::toSeconds).map(String::valueOf).orElse("?");
            Duration cap = refreshPolicy.implausibleLifetimeCap();
            String text = "{}: the token endpoint granted a lifetime of {} s (over ten years, implausible: a vendor bug"
                    + " or a unit error); using the token for {} instead. A token that dies sooner is replaced when"
                    + " the API rejects it";
            String capText = cap.toMinutes() % 60 == 0 ? cap.toHours() + " h" : cap.toString();
            if (first) {
                LOG.warn(text, providerId, seconds, capText);
            } else {
                LOG.debug(text, providerId, seconds, capText);
            }
        }
        return capped;
    }

    private Duration waitAfter(AuthException error, int consecutive) {
        if (error instanceof CredentialsRejectedException) {
            return retryPolicy.rejectedCredentialsCooldown();
        }
        Duration backoff = retryPolicy.backoff(consecutive);
        if (error instanceof TransientAuthException transientError) {
            // A vendor asking for hours (or centuries) is capped: the engine tries again within the hour.
            Duration asked = transientError.retryAfter().orElse(Duration.ZERO);
            if (asked.compareTo(MAX_RETRY_AFTER) > 0) {
                asked = MAX_RETRY_AFTER;
            }
            return asked.compareTo(backoff) > 0 ? asked : backoff;
        }
        return backoff;
    }

    private AuthException failFast(Failure last, long now) {
        if (!last.error.retryable()) {
            return last.error;
        }
        Duration remaining = Duration.ofMillis(last.retryAtMillis - now);
        String cause = last.error.getMessage();
        if (cause.startsWith(providerId + ": ")) {
            cause = cause.substring(providerId.length() + 2);
        }
        Integer status = last.error instanceof TransientAuthException t && t.status().isPresent()
                ? t.status().getAsInt() : null;
        return new TransientAuthException(providerId, "no token: the last token request failed (" + cause
                + "); next attempt in " + remaining.toMillis() + " ms", status, remaining, last.error);
    }

    private void emit(AuthEvent.Type type, long now, int attempts, Instant expiresAt, AuthException error) {
        emit(type, now, attempts, expiresAt, error, now);
    }

    private void emit(AuthEvent.Type type, long now, int attempts, Instant expiresAt, AuthException error,
            long started) {
        try {
            listener.onEvent(new AuthEvent(providerId, type, Instant.ofEpochMilli(now),
                    Duration.ofMillis(Math.max(0, now - started)), attempts, Optional.ofNullable(expiresAt),
                    Optional.ofNullable(error)));
        } catch (RuntimeException e) {
            LOG.warn("{}: an AuthListener threw {}; ignored", providerId, e.getClass().getName());
        }
    }

    /**
     * An immutable snapshot: the authorization, when it turns stale and expired, and whether it is
     * trusted fresh without reading the clock (until its flip replaces it by its compared twin).
     */
    private static final class State {
        static final State NONE = new State(null, Long.MIN_VALUE, Long.MIN_VALUE, false);

        final Authorization authorization;
        final long staleAtMillis;
        final long expiredAtMillis;
        final boolean trusted;

        State(Authorization authorization, long staleAtMillis, long expiredAtMillis, boolean trusted) {
            this.authorization = authorization;
            this.staleAtMillis = staleAtMillis;
            this.expiredAtMillis = expiredAtMillis;
            this.trusted = trusted;
        }

        State compared() {
            return new State(authorization, staleAtMillis, expiredAtMillis, false);
        }

        boolean isUsableAt(long now) {
            return authorization != null && now < expiredAtMillis;
        }

        boolean isRejected() {
            return authorization != null && expiredAtMillis == Long.MIN_VALUE;
        }

        State rejected() {
            return new State(authorization, Long.MIN_VALUE, Long.MIN_VALUE, false);
        }
    }

    private record Failure(AuthException error, long retryAtMillis, int consecutive) {
    }

    @Override
    public String toString() {
        return "TokenLifecycle[" + providerId + "]";
    }
}
