package dev.apiauth.core;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token together with the headers an authorized request carries. Hand the same instance back to
 * {@link Credentials#rejected(Authorization)} after a 401, so only that token is replaced. Prints
 * header names only.
 */
@Api(status = Api.Status.STABLE)
public final class Authorization {
    private final AccessToken token;
    private final Map<String, String> headers;

    Authorization(AccessToken token, Map<String, String> headers) {
        this.token = Objects.requireNonNull(token, "token");
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** {@return the token these headers carry (its {@code toString()} is redacted)} */
    public AccessToken token() {
        return token;
    }

    /**
     * {@return header name to value, unmodifiable, in the order the provider declared them}
     * Values hold credentials: set them on the request, never log them.
     */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "Authorization[headers=" + headers.keySet() + ", token=" + token + "]";
    }
}
