package dev.apiauth.spi;

/**
 * The token endpoint answered with something that is not the documented response: HTML, an empty
 * or truncated body, JSON without the token, an oversized body. The message never quotes the body,
 * which may hold a token.
 */
@Api(status = Api.Status.STABLE)
public final class MalformedResponseException extends AuthException {
    private final int status;

    public MalformedResponseException(String providerId, int status, String message) {
        super(providerId, message);
        this.status = status;
    }

    /** HTTP status of the malformed answer. */
    public int status() {
        return status;
    }
}
