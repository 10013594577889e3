package dev.apiauth.spi.http;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.FormEncoding;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The URL handling providers and the engine share: building a URL with a query, joining a base URL
 * with a path, and printing a URL without the parts that may carry credentials.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class Urls {
    private Urls() {
    }

    /**
     * {@code base} with {@code parameters} appended to its query, each name and value
     * percent-encoded per RFC 3986 (a space becomes {@code %20}); a query {@code base} already has is
     * kept, a fragment is dropped.
     *
     * @param base an absolute or relative URI
     * @param parameters query parameters, in order; none returns {@code base} itself
     * @return the URI with the combined query
     */
    public static URI withQuery(URI base, Map<String, String> parameters) {
        Objects.requireNonNull(base, "base");
        if (parameters.isEmpty()) {
            return base;
        }
        StringJoiner query = new StringJoiner("&");
        if (base.getRawQuery() != null && !base.getRawQuery().isEmpty()) {
            query.add(base.getRawQuery());
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            query.add(FormEncoding.percentEncode(parameter.getKey()) + "="
                    + FormEncoding.percentEncode(Objects.requireNonNull(parameter.getValue(), parameter.getKey())));
        }
        String text = base.toString();
        int cut = text.indexOf('?') >= 0 ? text.indexOf('?') : text.indexOf('#') >= 0 ? text.indexOf('#') : text.length();
        return URI.create(text.substring(0, cut) + "?" + query);
    }

    /**
     * {@code url} without one trailing {@code /}, so a configured base URL and a path starting with
     * {@code /} join without a double slash whether or not the user ended the setting with one.
     *
     * @param url a URL as text
     * @return {@code url}, one trailing slash removed
     */
    public static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Scheme, host, port and path of {@code uri}, for messages and {@code toString()}: the query
     * and user info may carry credentials (Dotypos' legacy connect URL puts the client secret in
     * the query), so neither is printed.
     *
     * @param uri the URI to describe
     * @return e.g. {@code https://api.example.com/oauth/token}
     */
    public static String redacted(URI uri) {
        String authority = Objects.toString(uri.getRawAuthority(), "");
        return uri.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1)
                + Objects.toString(uri.getRawPath(), "");
    }
}
