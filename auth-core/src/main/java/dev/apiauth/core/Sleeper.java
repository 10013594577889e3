package dev.apiauth.core;

import dev.apiauth.spi.Api;
import java.time.Duration;

/** How the engine waits between token-request attempts; tests pass one that advances a fake clock. */
@Api(status = Api.Status.EXPERIMENTAL)
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
