package dev.apiauth.core;

import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.TransientAuthException;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Paces requests to a provider's declared budgets (Bucket4j token buckets), shared by every
 * account in the JVM with the same scope, so requests wait their turn instead of earning 429s.
 */
final class RequestPacer {
    private static final RequestPacer NONE = new RequestPacer(null, null, null, Duration.ZERO, "none");
    private static final ConcurrentHashMap<BudgetKey, Bucket> SHARED = new ConcurrentHashMap<>();

    private final String providerId;
    private final Bucket bucket;
    private final BlockingStrategy blocking;
    private final Duration maxWait;
    private final String description;

    private RequestPacer(String providerId, Bucket bucket, BlockingStrategy blocking, Duration maxWait,
            String description) {
        this.providerId = providerId;
        this.bucket = bucket;
        this.blocking = blocking;
        this.maxWait = maxWait;
        this.description = description;
    }

    static RequestPacer none() {
        return NONE;
    }

    /** The pacer for {@code limits}, sharing one bucket with every pacer of the same scope, limits and clock. */
    static RequestPacer shared(String providerId, String scope, List<RateLimit> limits, Clock clock, Sleeper sleeper,
            Duration maxWait, SharedState sharedState) {
        if (limits.isEmpty()) {
            return NONE;
        }
        Bucket bucket = sharedState.rateBudget(scope, limits).orElseGet(() -> local(scope, limits, clock));
        BlockingStrategy blocking = nanos -> sleeper.sleep(Duration.ofNanos(nanos));
        return new RequestPacer(providerId, bucket, blocking, maxWait, limits.toString());
    }

    private static Bucket local(String scope, List<RateLimit> limits, Clock clock) {
        return SHARED.computeIfAbsent(new BudgetKey(scope, List.copyOf(limits), clock), key -> {
            LocalBucketBuilder builder = Bucket.builder();
            for (RateLimit limit : limits) {
                builder.addLimit(bandwidth -> bandwidth.capacity(limit.permits()).refillGreedy(limit.permits(), limit.period()));
            }
            return builder.withCustomTimePrecision(timeMeter(clock)).build();
        });
    }

    /**
     * Waits for one permit.
     *
     * @throws TransientAuthException when the wait would exceed the configured maximum (e.g. the
     *     daily budget is spent), carrying the time until a permit is available as {@code Retry-After}
     */
    void acquire() {
        if (bucket == null) {
            return;
        }
        try {
            boolean granted = maxWait.isZero() ? bucket.tryConsume(1) : bucket.asBlocking().tryConsume(1, maxWait, blocking);
            if (granted) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientAuthException(providerId, "interrupted while waiting for the rate budget", null, null, e);
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        Duration wait = Duration.ofNanos(nanos);
        throw new TransientAuthException(providerId, "the vendor's rate budget " + description
                + " is spent; the next request is allowed in " + wait.toSeconds() + " s (longer than the "
                + maxWait.toMillis() + " ms the engine waits)", 429, wait, null);
    }

    private static TimeMeter timeMeter(Clock clock) {
        if (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) {
            return TimeMeter.SYSTEM_MILLISECONDS;
        }
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    private record BudgetKey(String scope, List<RateLimit> limits, Clock clock) {
    }

    @Override
    public String toString() {
        return "RequestPacer" + description;
    }
}
