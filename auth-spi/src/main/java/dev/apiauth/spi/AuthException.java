package dev.apiauth.spi;

import java.util.Optional;

/**
 * The base of every failure apiauth reports. Unchecked: a caller that cannot authenticate usually
 * cannot do anything locally, and the subtypes say when retrying helps ({@link #retryable()}).
 * Messages name the provider and what to do next; they never contain a secret.
 */
@Api(status = Api.Status.STABLE)
public class AuthException extends RuntimeException {
    /** The provider the failure belongs to, or {@code null}. */
    private final String providerId;

    /**
     * A failure without a cause.
     *
     * @param providerId the provider the failure belongs to, or {@code null} when none does yet
     * @param message what went wrong and what to do; must not contain a secret
     */
    public AuthException(String providerId, String message) {
        this(providerId, message, null);
    }

    /**
     * A failure caused by another.
     *
     * @param providerId the provider the failure belongs to, or {@code null} when none does yet
     * @param message what went wrong and what to do; must not contain a secret
     * @param cause the underlying failure, or {@code null}
     */
    public AuthException(String providerId, String message, Throwable cause) {
        super(providerId == null ? message : providerId + ": " + message, cause);
        this.providerId = providerId;
    }

    /** {@return the provider this failure belongs to, if any} */
    public Optional<String> providerId() {
        return Optional.ofNullable(providerId);
    }

    /** {@return whether the same call may succeed later without a change of settings} */
    public boolean retryable() {
        return false;
    }
}
