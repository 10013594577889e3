package dev.apiauth.spi.consent;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import java.util.Objects;

/**
 * The request that reached the consent callback ({@code redirect_uri}) cannot be trusted or is
 * incomplete. Never quotes what the request carried. Start the consent again.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ConsentCallbackException extends AuthException {
    /** Why the callback was refused. */
    public enum Reason {
        /** The callback carries no {@code state}, though one was sent: possibly forged (CSRF). */
        STATE_MISSING,
        /** The callback's {@code state} is not the one sent: possibly forged (CSRF) or a stale browser tab. */
        STATE_MISMATCH,
        /** A value the vendor returns is missing, malformed or given twice, e.g. because access was denied. */
        INCOMPLETE
    }

    /** Why the callback was refused. */
    private final Reason reason;

    /**
     * A refused callback.
     *
     * @param providerId the provider whose consent this callback answers
     * @param reason why the callback was refused
     * @param message what is wrong and what to do; must not quote the callback's values
     */
    public ConsentCallbackException(String providerId, Reason reason, String message) {
        super(providerId, message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return why the callback was refused} */
    public Reason reason() {
        return reason;
    }
}
