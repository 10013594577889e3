package dev.apiauth.redis;

import dev.apiauth.core.RejectionListener;
import dev.apiauth.core.RejectionNotices;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's rejection notices ({@link RejectionNotices}) over Redis pub/sub: when any instance
 * reports a token rejected, every subscribed listener of this instance drops it if it holds that very
 * token (compared by the keyed token id, never by value). Obtained from
 * {@link RedisSharedState#rejections()}.
 */
public final class RedisRejections implements RejectionNotices {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedState.class);

    private final Encryption encryption;
    /** Identity set: subscribing one listener twice is one registration. */
    private final Set<RejectionListener> listeners = ConcurrentHashMap.newKeySet();

    RedisRejections(Encryption encryption) {
        this.encryption = encryption;
    }

    /** Rejections are matched by token id, so every listener hears every account's; the key is not needed. */
    @Override
    public Registration subscribe(String accountKey, RejectionListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A rejection another instance announced; on Lettuce's event loop, so it must not block. */
    void rejected(String rejectedId) {
        for (RejectionListener listener : listeners) {
            try {
                listener.rejectedElsewhere(token -> encryption.tokenId(token.value()).equals(rejectedId));
            } catch (RuntimeException e) {
                LOG.warn("a rejection listener failed: {}", e.toString());
            }
        }
    }

    /** How many listeners are subscribed now. */
    int size() {
        return listeners.size();
    }

    /** Forgets every listener. */
    void clear() {
        listeners.clear();
    }

    @Override
    public String toString() {
        return "RedisRejections[" + listeners.size() + " listening]";
    }
}
