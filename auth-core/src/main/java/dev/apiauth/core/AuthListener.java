package dev.apiauth.core;

import dev.apiauth.spi.Api;

/**
 * Observes an account's token lifecycle. Called on the thread that did the work; must be quick and
 * must not throw (exceptions are logged and ignored). Events never contain a token or secret.
 */
@Api(status = Api.Status.STABLE)
@FunctionalInterface
public interface AuthListener {
    /**
     * Receives one event, on the thread that fetched, refreshed or rejected the token (a caller's,
     * or a background-refresh thread).
     *
     * @param event what happened; never null
     */
    void onEvent(AuthEvent event);

    /** {@return a listener that ignores every event (the default)} */
    static AuthListener none() {
        return event -> { };
    }
}
