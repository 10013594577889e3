package dev.apiauth.redis;

import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketListener;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.SchedulingBucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.UninterruptibleBlockingStrategy;
import io.github.bucket4j.VerboseBlockingBucket;
import io.github.bucket4j.VerboseBucket;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fleet's bucket in Redis while Redis answers, and a bucket of this JVM with the same limits
 * while it does not, so pacing never fails a request because Redis is down.
 */
final class FailoverBucket implements Bucket {
    private final RedisLink link;
    private final Supplier<Bucket> remote;
    private final Bucket local;

    /** @param remote the fleet's bucket; asked per call, since it is made again over a new connection */
    FailoverBucket(RedisLink link, Supplier<Bucket> remote, Bucket local) {
        this.link = link;
        this.remote = remote;
        this.local = local;
    }

    private Bucket remote() {
        return remote.get();
    }

    private <T> T either(Function<Bucket, T> operation) {
        try {
            return link.use(() -> operation.apply(remote()));
        } catch (RedisUnavailableException e) {
            return operation.apply(local);
        }
    }

    private interface Interruptible<T> {
        T apply(Bucket bucket) throws InterruptedException;
    }

    private <T> T eitherInterruptibly(Interruptible<T> operation) throws InterruptedException {
        try {
            return link.use(() -> {
                try {
                    return operation.apply(remote());
                } catch (InterruptedException e) {
                    throw new InterruptedWrapper(e);
                }
            });
        } catch (InterruptedWrapper e) {
            throw e.interrupted;
        } catch (RedisUnavailableException e) {
            return operation.apply(local);
        }
    }

    private static final class InterruptedWrapper extends RuntimeException {
        final InterruptedException interrupted;

        InterruptedWrapper(InterruptedException interrupted) {
            super(null, null, false, false);
            this.interrupted = interrupted;
        }
    }

    @Override
    public boolean tryConsume(long tokens) {
        return either(bucket -> bucket.tryConsume(tokens));
    }

    @Override
    public long consumeIgnoringRateLimits(long tokens) {
        return either(bucket -> bucket.consumeIgnoringRateLimits(tokens));
    }

    @Override
    public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
        return either(bucket -> bucket.tryConsumeAndReturnRemaining(tokens));
    }

    @Override
    public EstimationProbe estimateAbilityToConsume(long tokens) {
        return either(bucket -> bucket.estimateAbilityToConsume(tokens));
    }

    @Override
    public long tryConsumeAsMuchAsPossible() {
        return either(Bucket::tryConsumeAsMuchAsPossible);
    }

    @Override
    public long tryConsumeAsMuchAsPossible(long limit) {
        return either(bucket -> bucket.tryConsumeAsMuchAsPossible(limit));
    }

    @Override
    public void addTokens(long tokens) {
        either(bucket -> {
            bucket.addTokens(tokens);
            return null;
        });
    }

    @Override
    public void forceAddTokens(long tokens) {
        either(bucket -> {
            bucket.forceAddTokens(tokens);
            return null;
        });
    }

    @Override
    public void reset() {
        either(bucket -> {
            bucket.reset();
            return null;
        });
    }

    @Override
    public long getAvailableTokens() {
        return either(Bucket::getAvailableTokens);
    }

    @Override
    public void replaceConfiguration(BucketConfiguration configuration, TokensInheritanceStrategy strategy) {
        either(bucket -> {
            bucket.replaceConfiguration(configuration, strategy);
            return null;
        });
    }

    @Override
    public BlockingBucket asBlocking() {
        return new Blocking();
    }

    /** The view of whichever bucket is in use now; it does not fail over per call. */
    @Override
    public SchedulingBucket asScheduler() {
        return either(Bucket::asScheduler);
    }

    /** The view of whichever bucket is in use now; it does not fail over per call. */
    @Override
    public VerboseBucket asVerbose() {
        return either(Bucket::asVerbose);
    }

    @Override
    public Bucket toListenable(BucketListener listener) {
        return new FailoverBucket(link, () -> remote().toListenable(listener), local.toListenable(listener));
    }

    @Override
    public String toString() {
        return "FailoverBucket[" + link + "]";
    }

    /** Blocks on whichever bucket answers; the wait itself happens in this JVM either way. */
    private final class Blocking implements BlockingBucket {
        @Override
        public boolean tryConsume(long tokens, long maxWaitNanos, BlockingStrategy strategy) throws InterruptedException {
            return eitherInterruptibly(bucket -> bucket.asBlocking().tryConsume(tokens, maxWaitNanos, strategy));
        }

        @Override
        public boolean tryConsumeUninterruptibly(long tokens, long maxWaitNanos, UninterruptibleBlockingStrategy strategy) {
            return either(bucket -> bucket.asBlocking().tryConsumeUninterruptibly(tokens, maxWaitNanos, strategy));
        }

        @Override
        public void consume(long tokens, BlockingStrategy strategy) throws InterruptedException {
            eitherInterruptibly(bucket -> {
                bucket.asBlocking().consume(tokens, strategy);
                return null;
            });
        }

        @Override
        public void consumeUninterruptibly(long tokens, UninterruptibleBlockingStrategy strategy) {
            either(bucket -> {
                bucket.asBlocking().consumeUninterruptibly(tokens, strategy);
                return null;
            });
        }

        @Override
        public VerboseBlockingBucket asVerbose() {
            return either(bucket -> bucket.asBlocking().asVerbose());
        }
    }
}
