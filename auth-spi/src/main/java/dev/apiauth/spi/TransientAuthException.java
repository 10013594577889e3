package dev.apiauth.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failure that may go away on its own: 5xx, 429, I/O errors, timeouts. Carries the vendor's
 * {@code Retry-After} when it sent one.
 */
@Api(status = Api.Status.STABLE)
public final class TransientAuthException extends AuthException {
    private final Integer status;
    private final Duration retryAfter;

    public TransientAuthException(String providerId, String message, Integer status, Duration retryAfter,
            Throwable cause) {
        super(providerId, message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }

    /** HTTP status, absent for I/O failures and timeouts. */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** How long the vendor asked us to wait, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
