package dev.apiauth.spi;

/** The HTTP transport for token endpoints, implemented by the engine. */
@Api(status = Api.Status.STABLE)
public interface TokenEndpoint {
    /**
     * Sends one request; never follows redirects (a 3xx comes back as a response).
     *
     * @param request the request
     * @return the response, whatever its status
     * @throws TransientAuthException connection failures and timeouts
     * @throws MalformedResponseException the response exceeded the size cap
     * @throws AuthException the URL is not allowed (plain http to a non-loopback host)
     */
    EndpointResponse send(EndpointRequest request);
}
