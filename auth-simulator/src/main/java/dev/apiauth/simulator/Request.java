package dev.apiauth.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.apiauth.core.internal.JacksonJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request as a simulation reads it: method, path below the vendor's prefix, headers, query, body. */
final class Request {
    /** Token requests are small; a cap keeps a confused client from filling the heap. */
    private static final int MAX_BODY = 64 * 1024;

    private final HttpExchange exchange;
    private final String path;
    private final String body;

    private Request(HttpExchange exchange, String path, String body) {
        this.exchange = exchange;
        this.path = path;
        this.body = body;
    }

    /** Reads the whole body; {@code path} is the request path below the vendor's prefix. */
    static Request read(HttpExchange exchange, String path) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new BodyTooLargeException();
            }
            return new Request(exchange, path, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    /** The decoded path below the vendor prefix, e.g. {@code /v1/oauth}. */
    String path() {
        return path;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    /** The media type of the body, lower case, without parameters. */
    Optional<String> mediaType() {
        return header("Content-Type").map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
    }

    boolean hasMediaType(String type) {
        return mediaType().filter(type::equals).isPresent();
    }

    String body() {
        return body;
    }

    /** The query parameters, decoded. */
    Map<String, List<String>> query() {
        return decodePairs(exchange.getRequestURI().getRawQuery());
    }

    /** The form parameters of an {@code application/x-www-form-urlencoded} body; empty for any other body. */
    Map<String, List<String>> form() {
        return hasMediaType("application/x-www-form-urlencoded") ? decodePairs(body) : Map.of();
    }

    /** The body as a JSON object, or empty when it is not one. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> jsonObject() {
        try {
            Object parsed = JacksonJson.INSTANCE.parse(body);
            return parsed instanceof Map ? Optional.of((Map<String, Object>) parsed) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The credential after {@code Authorization: <scheme> }, the scheme matched in any case. */
    Optional<String> authorization(String scheme) {
        return header("Authorization")
                .filter(value -> value.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1))
                .map(value -> value.substring(scheme.length() + 1).strip())
                .filter(value -> !value.isEmpty());
    }

    /**
     * HTTP Basic user and password.
     *
     * @param formDecoded whether both were form-urlencoded before Base64, as RFC 6749 §2.3.1 has OAuth
     *     clients do; plain RFC 7617 Basic (e.g. Docoon's REST API) is not
     */
    Optional<BasicCredentials> basic(boolean formDecoded) {
        return authorization("Basic").flatMap(encoded -> {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            try {
                return Optional.of(formDecoded ? new BasicCredentials(formDecode(user), formDecode(password))
                        : new BasicCredentials(user, password));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** The one value of {@code name}, or empty when absent or given more than once. */
    static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    private static Map<String, List<String>> decodePairs(String raw) {
        Map<String, List<String>> pairs = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = formDecode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : formDecode(pair.substring(equals + 1));
                pairs.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                // A malformed escape: the pair is ignored, as the vendors' frameworks drop it.
            }
        }
        return pairs;
    }

    private static String formDecode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** The request body exceeds what any token or API request of these vendors needs. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body over " + MAX_BODY + " bytes");
        }
    }

    /** User and password of HTTP Basic. Prints without the password. */
    record BasicCredentials(String user, String password) {
        @Override
        public String toString() {
            return "BasicCredentials[user=" + user + ", password=REDACTED]";
        }
    }
}
