package dev.apiauth.core;

import dev.apiauth.spi.Api;

/**
 * Observes an account's token lifecycle. Called on the thread that did the work; must be quick and
 * must not throw (exceptions are logged and ignored). Events never contain a token or secret.
 */
@Api(status = Api.Status.STABLE)
@FunctionalInterface
public interface AuthListener {
    void onEvent(AuthEvent event);

    /** A listener that ignores everything. */
    static AuthListener none() {
        return event -> { };
    }
}
