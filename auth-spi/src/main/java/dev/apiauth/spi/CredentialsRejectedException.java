package dev.apiauth.spi;

import java.util.Optional;

/**
 * The vendor refused the credentials (RFC 6749 §5.2 or the vendor's own error shape). Permanent:
 * retrying without changing the settings will fail the same way, so the engine does not loop.
 */
@Api(status = Api.Status.STABLE)
public final class CredentialsRejectedException extends AuthException {
    /** The HTTP status of the rejection. */
    private final int status;
    /** The RFC 6749 {@code error} code, or {@code null}. */
    private final String error;
    /** The vendor's message, or {@code null}. */
    private final String errorDescription;
    /** The vendor's page about the error, or {@code null}. */
    private final String errorUri;

    /**
     * A rejection with the generic advice to check the credential settings.
     *
     * @param providerId the provider whose token endpoint answered
     * @param status the HTTP status of the token endpoint's answer
     * @param error the RFC 6749 {@code error} code or the vendor's equivalent, may be {@code null}
     * @param errorDescription the vendor's human-readable message, may be {@code null}
     */
    public CredentialsRejectedException(String providerId, int status, String error, String errorDescription) {
        this(providerId, status, error, errorDescription, null, null);
    }

    /**
     * A rejection with advice of its own.
     *
     * @param providerId the provider whose token endpoint answered
     * @param status the HTTP status of the token endpoint's answer
     * @param error the RFC 6749 {@code error} code or the vendor's equivalent, may be {@code null}
     * @param errorDescription the vendor's human-readable message, may be {@code null}
     * @param nextStep what the user should do, when the generic advice is wrong (e.g. "the refresh
     *     token was revoked: connect the account again")
     */
    public CredentialsRejectedException(String providerId, int status, String error, String errorDescription,
            String nextStep) {
        this(providerId, status, error, errorDescription, null, nextStep);
    }

    /**
     * A rejection that names the vendor's page about the error.
     *
     * @param providerId the provider whose token endpoint answered
     * @param status the HTTP status of the token endpoint's answer
     * @param error the RFC 6749 {@code error} code or the vendor's equivalent, may be {@code null}
     * @param errorDescription the vendor's human-readable message, may be {@code null}
     * @param errorUri the RFC 6749 §5.2 {@code error_uri}, a page of the vendor's about the error;
     *     may be {@code null}. Not a secret: it is shown in the message.
     * @param nextStep what the user should do, or {@code null} for the generic advice to check the
     *     credential settings
     */
    public CredentialsRejectedException(String providerId, int status, String error, String errorDescription,
            String errorUri, String nextStep) {
        super(providerId, describe(status, error, errorDescription)
                + (errorUri == null ? "" : " See " + errorUri + ".") + " "
                + (nextStep != null ? nextStep : "Check the client id, secret and other credential settings;"
                        + " retrying will not help."));
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
        this.errorUri = errorUri;
    }

    private static String describe(int status, String error, String description) {
        StringBuilder text = new StringBuilder("the vendor rejected the credentials (HTTP ").append(status);
        if (error != null) {
            text.append(", ").append(error);
        }
        if (description != null) {
            text.append(": ").append(description);
        }
        return text.append(").").toString();
    }

    /** {@return the HTTP status of the rejection} */
    public int status() {
        return status;
    }

    /** {@return the RFC 6749 {@code error} code, or the vendor's equivalent} */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** {@return the vendor's message} */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** {@return the RFC 6749 §5.2 {@code error_uri}: the vendor's page about this error, when it sent one} */
    public Optional<String> errorUri() {
        return Optional.ofNullable(errorUri);
    }
}
