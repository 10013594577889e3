package dev.apiauth.okhttp;

import dev.apiauth.spi.AuthException;
import java.io.IOException;

/**
 * A call failed because no token could be obtained (bad settings, credentials the vendor refused,
 * its token endpoint down, the rate budget's wait too long). OkHttp reports failures as
 * {@code IOException}s, so the {@link AuthException} is carried as the cause; its message (which
 * holds no secret) is this exception's message.
 */
public final class AuthIOException extends IOException {
    private static final long serialVersionUID = 1L;

    public AuthIOException(AuthException cause) {
        super(cause.getMessage(), cause);
    }

    /** The engine's exception: its type and {@code retryable()} say what to do. */
    @Override
    public synchronized AuthException getCause() {
        return (AuthException) super.getCause();
    }
}
