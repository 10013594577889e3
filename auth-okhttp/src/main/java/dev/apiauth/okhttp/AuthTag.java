package dev.apiauth.okhttp;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AuthException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Travels on an authorized request as its tag (OkHttp copies tags to follow-ups): which
 * authorization it carries, for compare-and-refresh, whether it is already the one retry, and the
 * origin the headers are meant for.
 */
record AuthTag(Authorization used, boolean retry, HttpUrl origin) {

    /** Paces, fetches the current authorization and returns {@code request} carrying it. */
    static Request authorize(Credentials credentials, Request request, boolean retry) throws AuthIOException {
        return authorize(credentials, request, retry, request.url());
    }

    /** As above, for headers meant for {@code origin}. */
    static Request authorize(Credentials credentials, Request request, boolean retry, HttpUrl origin)
            throws AuthIOException {
        Authorization used;
        try {
            credentials.pace();
            used = credentials.authorization();
        } catch (AuthException e) {
            throw new AuthIOException(e);
        }
        Request.Builder builder = request.newBuilder()
                .tag(AuthTag.class, new AuthTag(used, retry, origin));
        for (Map.Entry<String, String> header : used.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    boolean sameOrigin(HttpUrl url) {
        return url.scheme().equals(origin.scheme()) && url.host().equals(origin.host()) && url.port() == origin.port();
    }
}
