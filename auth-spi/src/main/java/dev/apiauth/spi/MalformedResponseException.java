package dev.apiauth.spi;

/**
 * The token endpoint answered with something that is not the documented response: HTML, an empty
 * or truncated body, JSON without the token, an oversized body. The message never quotes the body,
 * which may hold a token.
 */
@Api(status = Api.Status.STABLE)
public final class MalformedResponseException extends AuthException {
    /** The HTTP status of the malformed answer. */
    private final int status;

    /**
     * An answer that is not the documented response.
     *
     * @param providerId the provider whose token endpoint answered
     * @param status the HTTP status of the answer
     * @param message what was wrong with it, without quoting the body
     */
    public MalformedResponseException(String providerId, int status, String message) {
        super(providerId, message);
        this.status = status;
    }

    /** {@return the HTTP status of the malformed answer} */
    public int status() {
        return status;
    }
}
