package dev.apiauth.core.internal;

import dev.apiauth.core.RateBudget;
import dev.apiauth.core.Sleeper;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Engine internal, not API (see the package): the one place that turns the SPI's
 * {@link RateLimit}s into Bucket4j buckets, a {@link Clock} into Bucket4j's time source, and a
 * bucket into a {@link RateBudget}. The in-JVM budgets and {@code auth-redis}'s fleet budgets both
 * use it, so they refill the same way by the same clock.
 */
@Api(status = Api.Status.INTERNAL)
public final class Buckets {
    private Buckets() {
    }

    /** Greedy refill: {@code permits} per {@code period}, a burst of at most {@code permits}. */
    private static Bandwidth bandwidth(RateLimit limit) {
        return Bandwidth.builder().capacity(limit.permits()).refillGreedy(limit.permits(), limit.period()).build();
    }

    /** The configuration enforcing {@code limits}, e.g. for a distributed bucket. */
    public static BucketConfiguration configuration(List<RateLimit> limits) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        limits.forEach(limit -> builder.addLimit(bandwidth(limit)));
        return builder.build();
    }

    /** A bucket of this JVM enforcing {@code limits} by {@code clock}. */
    public static Bucket local(List<RateLimit> limits, Clock clock) {
        LocalBucketBuilder builder = Bucket.builder();
        limits.forEach(limit -> builder.addLimit(bandwidth(limit)));
        return builder.withCustomTimePrecision(timeMeter(clock)).build();
    }

    /** Whether {@code clock} is the system's, for which Bucket4j's own time source is used. */
    public static boolean isSystemClock(Clock clock) {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone());
    }

    /** Bucket4j's time source reading {@code clock} (the system's own for the system clock). */
    public static TimeMeter timeMeter(Clock clock) {
        if (isSystemClock(clock)) {
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

    /** {@code bucket} as a budget: one permit per acquisition. */
    public static RateBudget budget(Bucket bucket) {
        return new BucketBudget(bucket);
    }

    private record BucketBudget(Bucket bucket) implements RateBudget {
        @Override
        public boolean tryAcquire(Duration maxWait, Sleeper sleeper) throws InterruptedException {
            return maxWait.isZero() ? bucket.tryConsume(1)
                    : bucket.asBlocking().tryConsume(1, maxWait, nanos -> sleeper.sleep(Duration.ofNanos(nanos)));
        }

        @Override
        public Duration untilAvailable() {
            return Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }

        @Override
        public String toString() {
            return "RateBudget[" + bucket.getClass().getSimpleName() + "]";
        }
    }
}
