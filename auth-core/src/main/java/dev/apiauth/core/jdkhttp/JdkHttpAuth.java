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
 */
@Api(status = Api.Status.STABLE)
public final class JdkHttpAuth {
    private final Credentials credentials;

    private JdkHttpAuth(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    public static JdkHttpAuth of(Credentials credentials) {
        return new JdkHttpAuth(credentials);
    }

    /** {@code request} with the current credentials' headers, for callers that send it themselves. */
    public HttpRequest authorize(HttpRequest request) {
        return withHeaders(request, credentials.authorization());
    }

    /** Sends with credentials; retries once with a new token when the API rejects the first. */
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

    /** The asynchronous form of {@link #send}. Token fetching, when needed, happens on the caller. */
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
