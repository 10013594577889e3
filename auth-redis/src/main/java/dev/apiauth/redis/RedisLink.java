package dev.apiauth.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to Redis and whether Redis can be reached. Every Redis call goes through
 * {@link #use}: while Redis is unreachable calls fail fast (no timeout per call) and Redis is tried
 * again at most once per retry interval; the first failure of an outage logs one warning, the
 * first success after it one info line. Connections are made on demand and made again after they
 * broke, so an application starts while Redis is down, and nothing reconnects in the background
 * (Lettuce's own reconnection would log a warning per connection every few seconds).
 */
final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedState.class);

    private final ClientResources resources;
    private final RedisClient client;
    private final String address;
    private final String channel;
    private final BiConsumer<String, String> onMessage;
    private final long retryIntervalNanos;

    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisConnection<String, byte[]> bytes;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean subscriptionRefused;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAtNanos;

    RedisLink(RedisURI uri, Duration commandTimeout, Duration connectTimeout, Duration retryInterval,
            String channel, BiConsumer<String, String> onMessage) {
        this.address = uri.getHost() + ":" + uri.getPort();
        this.channel = channel;
        this.onMessage = onMessage;
        this.retryIntervalNanos = retryInterval.toNanos();
        uri.setTimeout(commandTimeout);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .build());
    }

    /**
     * Runs {@code operation} unless Redis is known to be down, recording the outcome.
     *
     * @throws RedisUnavailableException Redis is down, or {@code operation} failed reaching it
     */
    <T> T use(Supplier<T> operation) throws RedisUnavailableException {
        if (down.get() && System.nanoTime() - retryAtNanos < 0) {
            throw RedisUnavailableException.KNOWN_DOWN;
        }
        try {
            ensureSubscribed();
            T result = operation.get();
            if (down.get() && down.compareAndSet(true, false)) {
                LOG.info("Redis at {} is reachable again; the fleet shares tokens and rate budgets again", address);
            }
            return result;
        } catch (RuntimeException e) {
            if (!isRedisTrouble(e)) {
                throw e;
            }
            failed(e);
            throw new RedisUnavailableException(e);
        }
    }

    /** Whether the last call reached Redis (or none failed yet). */
    boolean reachable() {
        return !down.get();
    }

    RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || !connection.isOpen()) {
            synchronized (this) {
                if (commands == null || !commands.isOpen()) {
                    closeQuietly(commands);
                    commands = null;
                    checkRetryDue();
                    commands = client.connect(StringCodec.UTF8);
                }
                connection = commands;
            }
        }
        return connection.sync();
    }

    /**
     * An open connection with binary values, as Bucket4j needs; a new object after the previous
     * one broke, so holders compare identity to know when to rebuild what they made from it.
     */
    StatefulRedisConnection<String, byte[]> binary() {
        StatefulRedisConnection<String, byte[]> connection = bytes;
        if (connection == null || !connection.isOpen()) {
            synchronized (this) {
                if (bytes == null || !bytes.isOpen()) {
                    closeQuietly(bytes);
                    bytes = null;
                    checkRetryDue();
                    bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                }
                connection = bytes;
            }
        }
        return connection;
    }

    String channel() {
        return channel;
    }

    /** Subscribes to the fleet's channel, again after the subscription broke; messages sent meanwhile are lost. */
    private void ensureSubscribed() {
        StatefulRedisPubSubConnection<String, String> current = subscription;
        if ((current != null && current.isOpen()) || subscriptionRefused) {
            return;
        }
        synchronized (this) {
            if (subscription != null && subscription.isOpen()) {
                return;
            }
            closeQuietly(subscription);
            subscription = null;
            checkRetryDue();
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(StringCodec.UTF8);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    try {
                        onMessage.accept(from, message);
                    } catch (RuntimeException e) {
                        LOG.warn("handling a fleet message failed: {}", e.toString());
                    }
                }
            });
            try {
                connection.sync().subscribe(channel);
            } catch (RedisCommandExecutionException e) {
                // Redis answered but refused (an ACL without SUBSCRIBE): share without messages.
                connection.close();
                subscriptionRefused = true;
                LOG.warn("Redis at {} refuses to subscribe to {} ({}); instances still share tokens, but waiting ones poll"
                        + " and rejections do not reach followed credentials", address, channel, e.getMessage());
                return;
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
            subscription = connection;
        }
    }

    /** A thread that waited for the lock behind a failed attempt must not try again at once. */
    private void checkRetryDue() {
        if (down.get() && System.nanoTime() - retryAtNanos < 0) {
            throw new RedisConnectionException("Redis at " + address + " is unreachable");
        }
    }

    private static void closeQuietly(AutoCloseable connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (Exception e) {
                LOG.debug("closing a broken Redis connection failed: {}", e.toString());
            }
        }
    }

    private void failed(RuntimeException e) {
        retryAtNanos = System.nanoTime() + retryIntervalNanos;
        LOG.debug("a Redis call failed", e);
        if (down.compareAndSet(false, true)) {
            // The address only: the URI may hold a password.
            LOG.warn("Redis at {} is unreachable ({}); until it returns each instance fetches its own tokens"
                    + " and paces its own requests (retrying Redis every {} ms)", address, describe(e),
                    TimeUnit.NANOSECONDS.toMillis(retryIntervalNanos));
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + root.getClass().getSimpleName();
    }

    /** Whether {@code e} means Redis could not be reached or did not answer in time. */
    static boolean isRedisTrouble(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RedisCommandInterruptedException || cause instanceof InterruptedException) {
                // This thread was interrupted; Redis may be fine.
                return false;
            }
            if (cause instanceof RedisException || cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        closeQuietly(subscription);
        closeQuietly(bytes);
        closeQuietly(commands);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "Redis[" + address + (down.get() ? ", unreachable" : "") + "]";
    }
}
