package dev.apiauth.spi;

/**
 * A person must act before tokens can be issued, for example grant consent in a browser because no
 * refresh token is stored yet. The message says how.
 */
@Api(status = Api.Status.STABLE)
public final class InteractionRequiredException extends AuthException {
    /**
     * A failure only a person can resolve.
     *
     * @param providerId the provider that needs the person
     * @param message what the person must do, e.g. the command to run; must not contain a secret
     */
    public InteractionRequiredException(String providerId, String message) {
        super(providerId, message);
    }
}
