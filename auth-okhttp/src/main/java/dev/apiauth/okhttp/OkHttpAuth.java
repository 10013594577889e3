package dev.apiauth.okhttp;

import dev.apiauth.core.Credentials;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Puts an account's credentials on an OkHttp client (and so on Retrofit, which sends through one):
 *
 * <pre>{@code
 * OkHttpClient client = OkHttpAuth.install(new OkHttpClient.Builder(), credentials).build();
 * }</pre>
 *
 * <p>Installs three parts that work together:
 * <ul>
 *   <li>{@link AuthInterceptor} (application interceptor): paces each call to the provider's rate
 *       budget and adds the current headers;</li>
 *   <li>{@link AuthAuthenticator}: after a 401 reports the token used as rejected (compare-and-refresh:
 *       many calls failing with one old token cause one token request) and retries once with a new
 *       token; never loops, and never resends a one-shot body;</li>
 *   <li>a network interceptor that strips the provider's headers from any redirect to another
 *       origin (OkHttp itself drops only {@code Authorization}, not e.g. doo's {@code x-api-key}).</li>
 * </ul>
 *
 * <p>OkHttp asks its authenticator about 401s only; a provider's other "token expired" statuses
 * (Dotypos answers 403) are retried once by the interceptor itself, under the same rules.
 * A token that cannot be obtained fails the call with an {@link AuthIOException}.
 */
public final class OkHttpAuth {
    private OkHttpAuth() {
    }

    /** Adds the interceptor, the authenticator and the redirect guard for {@code credentials}; returns {@code builder}. */
    public static OkHttpClient.Builder install(OkHttpClient.Builder builder, Credentials credentials) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(credentials, "credentials");
        return builder.addInterceptor(new AuthInterceptor(credentials))
                .addNetworkInterceptor(new CrossOriginGuard())
                .authenticator(new AuthAuthenticator(credentials));
    }
}
