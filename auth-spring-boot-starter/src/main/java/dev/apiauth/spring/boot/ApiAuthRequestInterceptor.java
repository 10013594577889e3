package dev.apiauth.spring.boot;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import java.io.IOException;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Puts an account's credentials on every request of a {@code RestClient} or {@code RestTemplate}:
 * waits for the provider's rate budget ({@link Credentials#pace()}), adds the headers, and when the
 * API answers 401 (or another status the provider declares as "token rejected") drops that token
 * and sends the request once more with a new one. It never loops: a second rejection is returned
 * to the caller. The request body is buffered by Spring for interceptors, so it can always be sent
 * again.
 *
 * <pre>{@code
 * RestClient domo = builder.requestInterceptor(interceptors.forAccount("domo")).build();
 * }</pre>
 *
 * <p>Add it last: in Spring Framework 6.2 the retry does not pass through interceptors added after
 * this one (spring-framework#34169).
 */
public final class ApiAuthRequestInterceptor implements ClientHttpRequestInterceptor {
    private final Credentials credentials;

    private ApiAuthRequestInterceptor(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** An interceptor for {@code credentials}. */
    public static ApiAuthRequestInterceptor of(Credentials credentials) {
        return new ApiAuthRequestInterceptor(credentials);
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        credentials.pace();
        Authorization used = credentials.authorization();
        HttpHeaders headers = request.getHeaders();
        used.headers().forEach(headers::set);
        ClientHttpResponse response = execution.execute(request, body);
        if (!credentials.tokenRejectedStatuses().contains(response.getStatusCode().value())) {
            return response;
        }
        credentials.rejected(used);
        response.close();
        credentials.pace();
        credentials.authorization().headers().forEach(headers::set);
        return execution.execute(request, body);
    }

    @Override
    public String toString() {
        return "ApiAuthRequestInterceptor[" + credentials.providerId() + "]";
    }
}
