package dev.apiauth.core;

import dev.apiauth.spi.Api;
import java.time.Duration;

/** How the engine waits between token-request attempts; tests pass one that advances a fake clock. */
@Api(status = Api.Status.EXPERIMENTAL)
@FunctionalInterface
public interface Sleeper {
    /**
     * Blocks the calling thread for {@code duration}.
     *
     * @param duration how long to wait; never negative
     * @throws InterruptedException when the thread is interrupted while waiting; the engine stops
     *     retrying, restores the interrupt flag and reports a
     *     {@link dev.apiauth.spi.TransientAuthException}
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * {@return a sleeper that blocks with {@link Thread#sleep(long)}, to the millisecond (the
     * default)}
     */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
