package dev.apiauth.core.httpclient5;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.Api;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.support.BasicRequestBuilder;

/**
 * The asynchronous twin of {@link AuthExecChainHandler}, for {@code HttpAsyncClients}: puts an
 * account's credentials on every request, paces requests to the provider's rate budget, and when
 * the API answers 401 (or another status the provider declares as "token expired") drops that
 * token and retries once with a new one, provided the request body can be produced again. It never
 * loops: a second rejection is returned to the caller.
 *
 * <pre>{@code
 * CloseableHttpAsyncClient client = AsyncAuthExecChainHandler.install(HttpAsyncClients.custom(), credentials).build();
 * client.start();
 * }</pre>
 *
 * <p>The first attempt's pacing and token fetching (when the token is missing or expired) happen on
 * the thread that calls {@code execute}; a failure there fails the returned future with the
 * {@link dev.apiauth.spi.AuthException}. The retry after a rejection needs a new token, which may
 * block, so it runs on the given executor (the common fork-join pool by default), never on the
 * client's I/O threads.
 *
 * <p>Added first in the chain, so redirects (which HttpClient builds from the original request)
 * never carry the credentials to another host.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class AsyncAuthExecChainHandler implements AsyncExecChainHandler {
    /** The name the handler is registered under. */
    public static final String NAME = AuthExecChainHandler.NAME;

    private final RequestAuthorizer authorizer;
    private final Executor retryExecutor;

    /**
     * Creates a handler whose retries run on the common fork-join pool; prefer
     * {@link #install(HttpAsyncClientBuilder, Credentials)}, which also places it first in the chain.
     *
     * @param credentials the account whose credentials every request carries
     */
    public AsyncAuthExecChainHandler(Credentials credentials) {
        this(credentials, ForkJoinPool.commonPool());
    }

    /**
     * Creates a handler whose retries run on {@code retryExecutor}.
     *
     * @param credentials the account whose credentials every request carries
     * @param retryExecutor runs the retry after a rejection, which may block while it fetches a
     *     token; never the client's I/O threads. If it refuses the task, the request fails.
     */
    public AsyncAuthExecChainHandler(Credentials credentials, Executor retryExecutor) {
        this.authorizer = new RequestAuthorizer(Objects.requireNonNull(credentials, "credentials"));
        this.retryExecutor = Objects.requireNonNull(retryExecutor, "retryExecutor");
    }

    /**
     * Adds a handler for {@code credentials} first in {@code builder}'s exec chain, under
     * {@link #NAME}; retries run on the common fork-join pool.
     *
     * @param builder the client builder to add the handler to
     * @param credentials the account whose credentials every request carries
     * @return {@code builder}, to go on configuring it
     */
    public static HttpAsyncClientBuilder install(HttpAsyncClientBuilder builder, Credentials credentials) {
        return builder.addExecInterceptorFirst(NAME, new AsyncAuthExecChainHandler(credentials));
    }

    /**
     * As {@link #install(HttpAsyncClientBuilder, Credentials)}, with retries on {@code retryExecutor}.
     *
     * @param builder the client builder to add the handler to
     * @param credentials the account whose credentials every request carries
     * @param retryExecutor runs the retry after a rejection, which may block while it fetches a token
     * @return {@code builder}, to go on configuring it
     */
    public static HttpAsyncClientBuilder install(HttpAsyncClientBuilder builder, Credentials credentials,
            Executor retryExecutor) {
        return builder.addExecInterceptorFirst(NAME, new AsyncAuthExecChainHandler(credentials, retryExecutor));
    }

    @Override
    public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
            AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
        HttpRequest first = BasicRequestBuilder.copy(request).build();
        Authorization used;
        try {
            used = authorizer.authorize(first);
        } catch (RuntimeException e) {
            // The client fails its future only for checked exceptions; an AuthException would
            // otherwise escape from execute() instead of reaching the caller's future.
            callback.failed(e);
            return;
        }
        chain.proceed(first, entityProducer, scope, new AsyncExecCallback() {
            private volatile boolean retry;

            @Override
            public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails details)
                    throws HttpException, IOException {
                if (authorizer.rejects(response, used) && isRepeatable(entityProducer)) {
                    retry = true;
                    return null; // the rejection's body is discarded
                }
                return callback.handleResponse(response, details);
            }

            @Override
            public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
                callback.handleInformationResponse(response);
            }

            @Override
            public void completed() {
                if (!retry) {
                    callback.completed();
                    return;
                }
                try {
                    retryExecutor.execute(() -> retry(request, entityProducer, scope, chain, callback));
                } catch (RuntimeException e) {
                    callback.failed(e);
                }
            }

            @Override
            public void failed(Exception cause) {
                callback.failed(cause);
            }
        });
    }

    private void retry(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
            AsyncExecChain chain, AsyncExecCallback callback) {
        try {
            if (entityProducer != null) {
                entityProducer.releaseResources(); // rewinds a repeatable body for the second send
            }
            HttpRequest again = BasicRequestBuilder.copy(request).build();
            authorizer.authorize(again);
            // The caller's callback directly: a second rejection goes back to the caller.
            chain.proceed(again, entityProducer, scope, callback);
        } catch (HttpException | IOException | RuntimeException e) {
            callback.failed(e);
        }
    }

    private static boolean isRepeatable(AsyncEntityProducer entityProducer) {
        return entityProducer == null || entityProducer.isRepeatable();
    }

    @Override
    public String toString() {
        return "AsyncAuthExecChainHandler[" + authorizer.providerId() + "]";
    }
}
