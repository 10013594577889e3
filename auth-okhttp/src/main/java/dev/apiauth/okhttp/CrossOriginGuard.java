package dev.apiauth.okhttp;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A network interceptor that removes the provider's headers from a request that a redirect sent to
 * another origin, so a token or API key never reaches a host it was not meant for.
 */
final class CrossOriginGuard implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        AuthTag tag = request.tag(AuthTag.class);
        if (tag == null || tag.sameOrigin(request.url())) {
            return chain.proceed(request);
        }
        Request.Builder stripped = request.newBuilder();
        tag.used().headers().keySet().forEach(stripped::removeHeader);
        return chain.proceed(stripped.build());
    }
}
