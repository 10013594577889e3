package dev.apiauth.tck;

import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.TokenEndpoint;
import dev.apiauth.spi.TransientAuthException;
import java.net.URI;

/**
 * A token endpoint for {@code Credentials.Builder#tokenEndpoint} that sends only to the TCK's server
 * and refuses (transiently) any other host, for rules that change settings in ways that could make a
 * provider fall back to a vendor URL of its own.
 */
final class LoopbackOnlyEndpoint implements TokenEndpoint {
    private final TokenEndpoint delegate;
    private final int port;
    private final String providerId;
    private volatile boolean refused;

    LoopbackOnlyEndpoint(TokenEndpoint delegate, int port, String providerId) {
        this.delegate = delegate;
        this.port = port;
        this.providerId = providerId;
    }

    @Override
    public EndpointResponse send(EndpointRequest request) {
        URI uri = request.uri();
        if (!"127.0.0.1".equals(uri.getHost()) || uri.getPort() != port) {
            refused = true;
            throw new TransientAuthException(providerId, "the TCK does not send to " + uri.getHost()
                    + ", which is not its server", null, null, null);
        }
        return delegate.send(request);
    }

    /** Whether the provider tried to send somewhere else than the TCK's server. */
    boolean refusedAny() {
        return refused;
    }
}
