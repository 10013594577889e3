package dev.apiauth.core;

import dev.apiauth.spi.Api;

/**
 * Tells accounts that another instance of the fleet had their token rejected, so they drop it
 * before failing a request with it: one of the three parts of a {@link SharedState}. The default
 * has no other instance and tells nothing; {@code auth-redis} relays rejections over pub/sub.
 */
@Api(status = Api.Status.EXPERIMENTAL)
@FunctionalInterface
public interface RejectionNotices {
    /** {@return notices for a single instance: nothing to tell, subscriptions do nothing} */
    static RejectionNotices none() {
        return LocalSharedState.INSTANCE;
    }

    /**
     * Tells {@code listener} about tokens other instances report rejected, until the returned
     * registration closes. Every {@link Credentials} subscribes once when it is built and closes its
     * registration in {@link Credentials#close()}; subscribing the same listener twice registers it
     * once.
     *
     * @param accountKey the account the listener belongs to (provider id and a settings fingerprint; not
     *     secret), or {@code null} when the subscriber does not know it (following an account built with
     *     other notices); an implementation that matches rejections by token needs no key
     * @param listener told of each rejection, possibly on the implementation's own thread, so it must
     *     be thread-safe
     * @return the subscription; never {@code null}, close it to stop the notices
     */
    Registration subscribe(String accountKey, RejectionListener listener);

    /** Ends a {@link #subscribe subscription}; closing twice is harmless. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
