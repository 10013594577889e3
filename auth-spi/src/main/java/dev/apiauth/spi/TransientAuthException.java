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
    /** The HTTP status, or {@code null} for I/O failures and timeouts. */
    private final Integer status;
    /** How long the vendor asked to wait, or {@code null}. */
    private final Duration retryAfter;

    /**
     * A failure worth retrying.
     *
     * @param providerId the provider whose endpoint failed
     * @param message what failed; must not contain a secret
     * @param status the HTTP status, or {@code null} for I/O failures and timeouts
     * @param retryAfter how long the vendor asked to wait, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
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

    /** {@return the HTTP status, absent for I/O failures and timeouts} */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** {@return how long the vendor asked us to wait, if it said} */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
