package dev.apiauth.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The token endpoint's TLS certificate was refused: it is not trusted (self-signed, an unknown or
 * private CA, expired) or not issued for the endpoint's host name. A configuration problem, not an
 * outage: retrying cannot help, so the engine does not retry; fix the trust (supply an
 * {@code SSLContext} that trusts the issuer, e.g. {@code HttpTokenEndpoint.builder().sslContext(…)})
 * or the token URL. A TLS handshake that fails on I/O stays a {@link TransientAuthException}.
 */
@Api(status = Api.Status.STABLE)
public final class UntrustedEndpointException extends AuthException {
    /** The host whose certificate was refused. */
    private final String host;
    /** The refused certificate's subject, or {@code null}. */
    private final String certificateSubject;

    /**
     * A refused certificate.
     *
     * @param providerId the provider whose token endpoint it is
     * @param host the host of the token endpoint
     * @param certificateSubject the subject of the refused certificate when known, else {@code null}
     * @param message what was refused and how to fix it; must not contain a secret
     * @param cause the TLS layer's failure
     */
    public UntrustedEndpointException(String providerId, String host, String certificateSubject, String message,
            Throwable cause) {
        super(providerId, message, cause);
        this.host = Objects.requireNonNull(host, "host");
        this.certificateSubject = certificateSubject;
    }

    /** {@return the host whose certificate was refused} */
    public String host() {
        return host;
    }

    /** {@return the subject of the refused certificate, when the TLS layer reported it} */
    public Optional<String> certificateSubject() {
        return Optional.ofNullable(certificateSubject);
    }
}
