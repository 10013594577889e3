package dev.apiauth.spi;

/** What a provider's authentication involves; the TCK and tools use these to know which rules apply. */
@Api(status = Api.Status.STABLE)
public enum Capability {
    /** Tokens come from an HTTP token endpoint (false for static credentials such as HTTP Basic). */
    TOKEN_ENDPOINT,
    /** Issued tokens expire (known lifetime or JWT {@code exp}). */
    EXPIRING_TOKENS,
    /** Access tokens are obtained with a long-lived refresh token kept in the {@link SecretStore}. */
    REFRESH_TOKENS,
    /** A person must grant consent in a browser once before tokens can be issued. */
    INTERACTIVE_CONSENT
}
