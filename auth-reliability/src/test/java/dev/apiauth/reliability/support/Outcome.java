package dev.apiauth.reliability.support;

import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.UntrustedEndpointException;

/** What a caller asking for a token got. */
public enum Outcome {
    TOKEN("token"),
    TRANSIENT("TransientAuthException"),
    MALFORMED("MalformedResponseException"),
    REJECTED("CredentialsRejectedException"),
    REDIRECT_REFUSED("AuthException (redirect refused)"),
    UNTRUSTED_ENDPOINT("UntrustedEndpointException"),
    INTERACTION_REQUIRED("InteractionRequiredException"),
    INVALID_SETTINGS("InvalidSettingsException"),
    /** An AuthException that is none of the above, e.g. the engine's wrapper of a provider's unexpected exception. */
    OTHER_AUTH("other AuthException"),
    /** Anything that is not an AuthException: always a bug. */
    UNTYPED("untyped exception");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Outcome of(Throwable thrown) {
        if (thrown == null) {
            return TOKEN;
        }
        if (thrown instanceof TransientAuthException) {
            return TRANSIENT;
        }
        if (thrown instanceof MalformedResponseException) {
            return MALFORMED;
        }
        if (thrown instanceof CredentialsRejectedException) {
            return REJECTED;
        }
        if (thrown instanceof InteractionRequiredException) {
            return INTERACTION_REQUIRED;
        }
        if (thrown instanceof InvalidSettingsException) {
            return INVALID_SETTINGS;
        }
        if (thrown instanceof UntrustedEndpointException) {
            return UNTRUSTED_ENDPOINT;
        }
        if (thrown instanceof AuthException auth) {
            boolean wrapsUnexpected = auth.getCause() != null && !(auth.getCause() instanceof AuthException);
            return !wrapsUnexpected && auth.getClass() == AuthException.class
                    && auth.getMessage().contains("redirect") ? REDIRECT_REFUSED : OTHER_AUTH;
        }
        return UNTYPED;
    }
}
