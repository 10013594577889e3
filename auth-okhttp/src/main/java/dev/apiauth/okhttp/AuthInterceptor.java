package dev.apiauth.okhttp;

import dev.apiauth.core.Credentials;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An application interceptor: paces each call to the provider's rate budget and adds the account's
 * current headers. For a provider's "token expired" statuses other than 401 (which OkHttp hands to
 * the {@link AuthAuthenticator} instead) it reports the token rejected and retries once itself.
 * Install it with {@link OkHttpAuth#install}, which adds the other parts too.
 */
public final class AuthInterceptor implements Interceptor {
    private final Credentials credentials;

    public AuthInterceptor(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Request authorized = AuthTag.authorize(credentials, request, false);
        Response response = chain.proceed(authorized);
        int code = response.code();
        if (code == 401 || !credentials.tokenRejectedStatuses().contains(code)) {
            return response;
        }
        AuthTag sent = response.request().tag(AuthTag.class);
        if (sent == null || sent.retry() || !sent.sameOrigin(response.request().url())) {
            // Already the one retry (never loop), or another origin a redirect led to answered:
            // that host never saw the credentials, so it cannot have rejected them.
            return response;
        }
        credentials.rejected(sent.used());
        RequestBody body = request.body();
        if (body != null && body.isOneShot()) {
            return response;
        }
        response.close();
        return chain.proceed(AuthTag.authorize(credentials, request, true));
    }

    @Override
    public String toString() {
        return "AuthInterceptor[" + credentials.providerId() + "]";
    }
}
