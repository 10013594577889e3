package dev.apiauth.core.jdkhttp;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.Api;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends {@code java.net.http} requests with an account's credentials: paces them to the provider's
 * rate budget, adds the headers, and after a 401 (or the provider's other "token expired" status)
 * drops that token and resends once. The JDK client has no interceptors, so this wraps the send.
 *
 * <pre>{@code
 * JdkHttpAuth auth = JdkHttpAuth.of(credentials);
 * HttpResponse<String> response = auth.send(httpClient, request, BodyHandlers.ofString());
 * }</pre>
 *
 * <p>The JDK client does not follow redirects unless configured to; if yours does, note it copies
 * headers to the new location.
 *
 * <p>When no token can be obtained, or the rate budget would need a longer wait than allowed, the
 * request is not sent and the {@link dev.apiauth.spi.AuthException} is thrown (from
 * {@link #sendAsync} too, for the first attempt; the retry's fails the future).
 */
@Api(status = Api.Status.STABLE)
public final class JdkHttpAuth {
    private final Credentials credentials;

    private JdkHttpAuth(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Wraps an account for sending with the JDK client.
     *
     * @param credentials the account whose credentials every request carries
     * @return a sender for that account; thread-safe and cheap, keep one per account
     */
    public static JdkHttpAuth of(Credentials credentials) {
        return new JdkHttpAuth(credentials);
    }

    /**
     * Copies {@code request} with the current credentials' headers (replacing any of the same
     * name), for callers that send it themselves. Does not pace: call {@link Credentials#pace()}
     * first, and {@link Credentials#rejected(Authorization)} after a 401.
     *
     * @param request the request to authorize; not changed
     * @return a copy carrying the headers
     * @throws dev.apiauth.spi.AuthException when no token can be obtained
     */
    public HttpRequest authorize(HttpRequest request) {
        return withHeaders(request, credentials.authorization());
    }

    /**
     * Paces, sends {@code request} with the current credentials and, when the API rejects the token,
     * paces and sends once more with a new one.
     *
     * @param <T> the response body type
     * @param client the client to send with
     * @param request the request; not changed (the copy sent has the credentials' headers
     *     instead of any of the same name)
     * @param handler the body handler, used for each send
     * @return the response; after a rejection, the second one, whatever its status
     * @throws IOException when the client fails to send or receive
     * @throws InterruptedException when the thread is interrupted while the client waits
     * @throws dev.apiauth.spi.AuthException when no token can be obtained or the rate budget would
     *     need a longer wait than allowed
     */
    public <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        credentials.pace();
        Authorization used = credentials.authorization();
        HttpResponse<T> response = client.send(withHeaders(request, used), handler);
        if (!isRejected(response, used)) {
            return response;
        }
        credentials.pace();
        return client.send(withHeaders(request, credentials.authorization()), handler);
    }

    /**
     * The asynchronous form of {@link #send}. The first attempt's pacing and token fetching (when
     * the token is missing or expired) happen on the calling thread; the retry after a rejection
     * paces and fetches on the common fork-join pool.
     *
     * @param <T> the response body type
     * @param client the client to send with
     * @param request the request; not changed (the copy sent has the credentials' headers
     *     instead of any of the same name)
     * @param handler the body handler, used for each send
     * @return the response's future; after a rejection, the second response's
     * @throws dev.apiauth.spi.AuthException when the first attempt gets no token or pacing fails
     */
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpClient client, HttpRequest request,
            HttpResponse.BodyHandler<T> handler) {
        credentials.pace();
        Authorization used = credentials.authorization();
        return client.sendAsync(withHeaders(request, used), handler).thenCompose(response -> {
            if (!isRejected(response, used)) {
                return CompletableFuture.completedFuture(response);
            }
            return CompletableFuture.supplyAsync(() -> {
                credentials.pace();
                return withHeaders(request, credentials.authorization());
            }).thenCompose(retry -> client.sendAsync(retry, handler));
        });
    }

    private boolean isRejected(HttpResponse<?> response, Authorization used) {
        if (!credentials.tokenRejectedStatuses().contains(response.statusCode())) {
            return false;
        }
        credentials.rejected(used);
        // HttpRequest bodies are publishers the client can subscribe to again, so a resend is safe.
        return true;
    }

    private static HttpRequest withHeaders(HttpRequest request, Authorization authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) ->
                authorization.headers().keySet().stream().noneMatch(name::equalsIgnoreCase));
        authorization.headers().forEach(builder::header);
        return builder.build();
    }

    @Override
    public String toString() {
        return "JdkHttpAuth[" + credentials.providerId() + "]";
    }
}
