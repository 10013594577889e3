package dev.apiauth.redis;

import dev.apiauth.core.RateBudget;
import dev.apiauth.core.RateBudgets;
import dev.apiauth.core.Sleeper;
import dev.apiauth.core.internal.Buckets;
import dev.apiauth.spi.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The fleet's rate budgets ({@link RateBudgets}) in Redis: a Bucket4j bucket per scope and limits,
 * refilled by the engine's clock, so doo's 1/s and 1000/day hold across every instance. While Redis
 * is unreachable the engine's in-JVM budget for the same scope takes over. Obtained from
 * {@link RedisSharedState#rateBudgets()}.
 */
public final class RedisRateBudgets implements RateBudgets {
    private final RedisLink link;
    private final String prefix;
    private final Duration commandTimeout;
    private Proxies proxies;

    RedisRateBudgets(RedisLink link, String prefix, Duration commandTimeout) {
        this.link = link;
        this.prefix = prefix;
        this.commandTimeout = commandTimeout;
    }

    @Override
    public RateBudget budget(String scope, List<RateLimit> limits, Clock clock) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(clock, "clock");
        String key = prefix + "budget:" + scope + ":" + limits.stream()
                .map(limit -> limit.permits() + "/" + limit.period()).collect(Collectors.joining(","));
        BucketConfiguration configuration = Buckets.configuration(limits);
        return new FailoverBudget(link, () -> Buckets.budget(remoteBucket(key, configuration, clock)),
                RateBudgets.local().budget(scope, limits, clock));
    }

    /** The fleet's bucket for {@code key}, made again over a new connection after the previous one broke. */
    private synchronized Bucket remoteBucket(String key, BucketConfiguration configuration, Clock clock) {
        StatefulRedisConnection<String, byte[]> connection = link.binary();
        if (proxies == null || proxies.connection != connection) {
            proxies = new Proxies(connection, new HashMap<>(), new HashMap<>());
        }
        ProxyManager<String> manager = proxies.byClock.computeIfAbsent(clock, unused -> {
            var builder = Bucket4jLettuce.casBasedBuilder(connection)
                    .requestTimeout(commandTimeout)
                    // An idle budget's key goes away once the bucket would be full again.
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)));
            if (!Buckets.isSystemClock(clock)) {
                builder.clientClock(Buckets.timeMeter(clock));
            }
            return builder.build();
        });
        return proxies.buckets.computeIfAbsent(new BucketKey(key, clock),
                unused -> manager.builder().build(key, () -> configuration));
    }

    @Override
    public String toString() {
        return "RedisRateBudgets[" + link + ", prefix=" + prefix + "]";
    }

    private record Proxies(StatefulRedisConnection<String, byte[]> connection, Map<Clock, ProxyManager<String>> byClock,
            Map<BucketKey, Bucket> buckets) {
    }

    private record BucketKey(String key, Clock clock) {
    }

    /**
     * The fleet's budget in Redis while Redis answers, and the JVM's budget with the same limits while
     * it does not, so pacing never fails a request because Redis is down.
     */
    private static final class FailoverBudget implements RateBudget {
        private final RedisLink link;
        /** Asked per call, since the fleet's bucket is made again over a new connection. */
        private final java.util.function.Supplier<RateBudget> remote;
        private final RateBudget local;

        FailoverBudget(RedisLink link, java.util.function.Supplier<RateBudget> remote, RateBudget local) {
            this.link = link;
            this.remote = remote;
            this.local = local;
        }

        /** Blocks on whichever budget answers; the wait itself happens in this JVM either way. */
        @Override
        public boolean tryAcquire(Duration maxWait, Sleeper sleeper) throws InterruptedException {
            try {
                return link.use(() -> {
                    try {
                        return remote.get().tryAcquire(maxWait, sleeper);
                    } catch (InterruptedException e) {
                        throw new Interrupted(e);
                    }
                });
            } catch (Interrupted e) {
                throw e.interrupted;
            } catch (RedisUnavailableException e) {
                return local.tryAcquire(maxWait, sleeper);
            }
        }

        @Override
        public Duration untilAvailable() {
            try {
                return link.use(() -> remote.get().untilAvailable());
            } catch (RedisUnavailableException e) {
                return local.untilAvailable();
            }
        }

        @Override
        public String toString() {
            return "FailoverBudget[" + link + "]";
        }
    }

    /** Carries an interruption through {@link RedisLink#use}, which takes no checked exception. */
    private static final class Interrupted extends RuntimeException {
        final InterruptedException interrupted;

        Interrupted(InterruptedException interrupted) {
            super(null, null, false, false);
            this.interrupted = interrupted;
        }
    }
}
