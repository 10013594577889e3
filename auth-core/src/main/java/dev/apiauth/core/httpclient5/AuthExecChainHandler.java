package dev.apiauth.core.httpclient5;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.Api;
import java.io.IOException;
import java.util.Objects;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * Puts an account's credentials on every request of an Apache HttpClient 5 client. Paces requests
 * to the provider's rate budget, and when the API answers 401 (or another status the provider
 * declares as "token expired") drops that token and retries once with a new one, provided the
 * request body can be sent again. It never loops: a second rejection is returned to the caller.
 *
 * <pre>{@code
 * CloseableHttpClient client = AuthExecChainHandler.install(HttpClients.custom(), credentials).build();
 * }</pre>
 *
 * <p>Added first in the chain, so redirects (which HttpClient builds from the original request)
 * never carry the credentials to another host.
 *
 * <p>When no token can be obtained, or the rate budget would need a longer wait than allowed, the
 * request is not sent and the {@link dev.apiauth.spi.AuthException} propagates from the client's
 * {@code execute}.
 */
@Api(status = Api.Status.STABLE)
public final class AuthExecChainHandler implements ExecChainHandler {
    /** The name the handler is registered under. */
    public static final String NAME = "apiauth";

    private final RequestAuthorizer authorizer;

    /**
     * Creates a handler; prefer {@link #install(HttpClientBuilder, Credentials)}, which also places
     * it first in the chain.
     *
     * @param credentials the account whose credentials every request carries
     */
    public AuthExecChainHandler(Credentials credentials) {
        this.authorizer = new RequestAuthorizer(Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Adds a handler for {@code credentials} first in {@code builder}'s exec chain, under
     * {@link #NAME}.
     *
     * @param builder the client builder to add the handler to
     * @param credentials the account whose credentials every request carries
     * @return {@code builder}, to go on configuring it
     */
    public static HttpClientBuilder install(HttpClientBuilder builder, Credentials credentials) {
        return builder.addExecInterceptorFirst(NAME, new AuthExecChainHandler(credentials));
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpRequest first = isRepeatable(request) ? ClassicRequestBuilder.copy(request).build() : request;
        Authorization used = authorizer.authorize(first);
        ClassicHttpResponse response = chain.proceed(first, scope);
        if (!authorizer.rejects(response, used) || !isRepeatable(request)) {
            return response;
        }
        EntityUtils.consumeQuietly(response.getEntity());
        response.close();
        ClassicHttpRequest retry = ClassicRequestBuilder.copy(request).build();
        authorizer.authorize(retry);
        return chain.proceed(retry, scope);
    }

    private static boolean isRepeatable(ClassicHttpRequest request) {
        HttpEntity entity = request.getEntity();
        return entity == null || entity.isRepeatable();
    }

    @Override
    public String toString() {
        return "AuthExecChainHandler[" + authorizer.providerId() + "]";
    }
}
