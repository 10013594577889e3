package dev.apiauth.okhttp;

import dev.apiauth.core.Credentials;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.Route;

/**
 * OkHttp's answer to a 401: reports the token the request carried as rejected (only if it is still
 * the current one, so concurrent failures cause one token request) and returns the request with a
 * new token, once. It returns {@code null} (hand the 401 to the caller) for a request that already
 * was the retry, that followed an earlier 401, that a redirect sent to another origin, or that
 * {@link AuthInterceptor} did not authorize, and for a one-shot body (which cannot be resent).
 */
public final class AuthAuthenticator implements Authenticator {
    private final Credentials credentials;

    public AuthAuthenticator(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        AuthTag sent = response.request().tag(AuthTag.class);
        if (sent == null || sent.retry() || followsRejection(response)) {
            return null;
        }
        if (!sent.sameOrigin(response.request().url())) {
            return null; // a redirect's other host asked: the credentials are not for it
        }
        credentials.rejected(sent.used());
        RequestBody body = response.request().body();
        if (body != null && body.isOneShot()) {
            return null; // cannot be resent; no new token or pacing permit spent on a retry never sent
        }
        // response.request() is the request the interceptor chain sent (tags included), before
        // OkHttp's network headers; the retry keeps the origin the credentials are meant for.
        return AuthTag.authorize(credentials, response.request(), true, sent.origin());
    }

    /** Whether an earlier response in this call already rejected a token (no second retry). */
    private boolean followsRejection(Response response) {
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
            if (credentials.tokenRejectedStatuses().contains(prior.code())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AuthAuthenticator[" + credentials.providerId() + "]";
    }
}
