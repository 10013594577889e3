package dev.apiauth.reliability.properties;

import dev.apiauth.core.transport.JacksonJson;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.spi.EndpointResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary token-endpoint answers: any status, odd {@code Retry-After}/{@code X-RateLimit-Reset}
 * and content types, and bodies that are near misses of the vendors' shapes (the token fields
 * present or not, of any JSON type, JWTs with any {@code exp}, lifetimes of any magnitude and
 * type), raw JSON with extreme numbers, truncated JSON and plain text. Every token value carries
 * {@link TestSecrets#MARKER}; nothing else does, so a message quoting a token is detectable.
 */
final class Generators {
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<String> TOKEN_FIELDS = List.of("access_token", "accessToken");
    private static final List<String> OTHER_FIELDS = List.of("token_type", "expires_in", "scope", "error",
            "error_description", "message", "Message", "user_message", "developer_message", "response_status",
            "errors", "customer", "role", "userId", "toe", "statusReason", "refresh_token", "jti", "_links");

    private Generators() {
    }

    /** Any answer a token endpoint could give. */
    static Arbitrary<EndpointResponse> responses(long maxAbsExp) {
        return Combinators.combine(statuses(), headers(), bodies(maxAbsExp))
                .as((status, headers, body) -> new EndpointResponse(status, headers, body, parse(body)));
    }

    static Arbitrary<Integer> statuses() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(200, 201)),
                Tuple.of(3, Arbitraries.of(204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 408, 409, 422, 429,
                        500, 502, 503, 504)),
                Tuple.of(1, Arbitraries.integers().between(100, 599)));
    }

    static Arbitrary<Map<String, List<String>>> headers() {
        Arbitrary<String> retryAfter = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 9_999_999_999L).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(11).ofMaxLength(25),
                Arbitraries.longs().between(-400_000_000_000L, 400_000_000_000L).map(seconds -> DateTimeFormatter
                        .RFC_1123_DATE_TIME.format(NOW.plusSeconds(seconds / 100).atZone(ZoneOffset.UTC))),
                Arbitraries.of("-1", "1.5", "", " ", "Wed, 21 Oct 2015 07:28:00 GMT", "Thu, 31 Feb 2026 25:61:61 GMT",
                        "Fri, 31 Dec 999999999 23:59:59 GMT", "tomorrow", "1e9"),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> reset = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 99_999_999_999L).map(String::valueOf),
                Arbitraries.of("2026-03-02T09:00:30Z", "2026-03-02T09:00:30+02:00", "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "now"),
                Arbitraries.strings().ofMaxLength(30));
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json; charset=utf-8",
                "text/html", "text/plain", "application/xml", "application/problem+json", ";;;", "", "application/json; charset=bogus");
        Arbitrary<String> location = Arbitraries.of("http://oauth.example.com/token", "https://elsewhere.example/x",
                "/relative", "", "::not a uri::");
        return Combinators.combine(retryAfter.optional(), reset.optional(), contentType.optional(), location.optional())
                .as((a, r, c, l) -> {
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    a.ifPresent(value -> headers.put("Retry-After", List.of(value)));
                    r.ifPresent(value -> headers.put("X-RateLimit-Reset", List.of(value)));
                    c.ifPresent(value -> headers.put("Content-Type", List.of(value)));
                    l.ifPresent(value -> headers.put("Location", List.of(value)));
                    return headers;
                });
    }

    static Arbitrary<String> bodies(long maxAbsExp) {
        return Arbitraries.frequencyOf(
                Tuple.of(10, tokenObjects(maxAbsExp).map(Generators::write)),
                Tuple.of(2, tokenObjects(maxAbsExp).map(object -> write(Map.of("response_status", 200,
                        "data", object)))),
                Tuple.of(2, rawLifetimes()),
                Tuple.of(2, Combinators.combine(tokenObjects(maxAbsExp).map(Generators::write),
                        Arbitraries.doubles().between(0, 1)).as((json, cut) -> json.substring(0, (int) (json.length() * cut)))),
                Tuple.of(1, jsonValues(2).map(Generators::write)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
                Tuple.of(1, Arbitraries.of("", " ", "null", "[]", "{}", "\"text\"", "<html><body>Sign in</body></html>")));
    }

    /**
     * A JSON object near the vendors' success shapes: one token under every vendor's field
     * ({@code access_token}, Dotypos' {@code accessToken}, doo's {@code data.access_token}) plus the
     * usual fields, where each field is independently kept, dropped or replaced by any JSON value.
     */
    static Arbitrary<Map<String, Object>> tokenObjects(long maxAbsExp) {
        // One shared token substituted afterwards rather than flatMap: jqwik memoizes fixed arbitraries only.
        List<String> names = concat(TOKEN_FIELDS, OTHER_FIELDS, List.of("data", "x-extra"));
        List<Arbitrary<Optional<Object>>> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(Arbitraries.frequencyOf(
                    Tuple.of(5, good(name).map(Optional::ofNullable)),
                    Tuple.of(2, Arbitraries.just(Optional.<Object>empty())),
                    Tuple.of(2, valueFor(name, maxAbsExp).map(Optional::ofNullable))));
        }
        Arbitrary<List<Optional<Object>>> values = Combinators.combine(fields).as(List::copyOf);
        return Combinators.combine(tokens(maxAbsExp), values).as((token, generated) -> {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                generated.get(i).ifPresent(value -> object.put(name, value == THE_TOKEN ? token
                        : value == THE_TOKEN_IN_DATA ? mapOf("access_token", token, "refresh_token", null) : value));
            }
            return object;
        });
    }

    private static final Object THE_TOKEN = new Object();
    private static final Object THE_TOKEN_IN_DATA = new Object();

    /** The well-formed value of a field in a success answer (empty for error-only fields). */
    private static Arbitrary<Object> good(String name) {
        return switch (name) {
            case "access_token", "accessToken" -> Arbitraries.just(THE_TOKEN);
            case "data" -> Arbitraries.just(THE_TOKEN_IN_DATA);
            case "token_type" -> Arbitraries.of("bearer", "Bearer", "BEARER");
            case "expires_in" -> Arbitraries.longs().between(0, 100_000).map(n -> (Object) n);
            case "scope" -> Arbitraries.of("data user", "OMS", "integration");
            case "response_status" -> Arbitraries.just(200);
            default -> Arbitraries.just(null);
        };
    }

    private static Arbitrary<Object> valueFor(String name, long maxAbsExp) {
        if (TOKEN_FIELDS.contains(name)) {
            return Arbitraries.frequencyOf(
                    Tuple.of(3, tokens(maxAbsExp).map(token -> (Object) token)),
                    Tuple.of(2, jsonValues(1)));
        }
        if (name.equals("data")) {
            return Arbitraries.frequencyOf(
                    Tuple.of(3, tokens(maxAbsExp).map(token -> (Object) mapOf("access_token", token, "refresh_token", null))),
                    Tuple.of(1, jsonValues(1)));
        }
        if (name.equals("expires_in")) {
            return Arbitraries.oneOf(
                    Arbitraries.longs().between(-10_000, 10_000).map(n -> (Object) n),
                    Arbitraries.longs().map(n -> (Object) n),
                    Arbitraries.doubles().map(d -> (Object) d),
                    Arbitraries.of("3600", " 3599 ", "1e3", "-5", "NaN", "Infinity", "", "abc", "1e400").map(s -> (Object) s),
                    jsonValues(1));
        }
        return jsonValues(2);
    }

    /** Token values: opaque (with the marker), JWTs whose {@code exp} is anything, blank. */
    static Arbitrary<String> tokens(long maxAbsExp) {
        Arbitrary<String> opaque = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30)
                .map(suffix -> "tok-" + TestSecrets.MARKER + suffix);
        Arbitrary<Object> exp = Arbitraries.oneOf(
                Arbitraries.longs().between(-3600, 7200).map(delta -> (Object) (NOW.getEpochSecond() + delta)),
                Arbitraries.longs().between(-maxAbsExp, maxAbsExp).map(n -> (Object) n),
                Arbitraries.doubles().between(-maxAbsExp, maxAbsExp).map(d -> (Object) d),
                Arbitraries.of("1772442000", "soon", "").map(s -> (Object) s),
                Arbitraries.just(null));
        Arbitrary<String> jwt = exp.map(value -> {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", "prop");
            claims.put("exp", value);
            return base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(write(claims)) + ".sig"
                    + TestSecrets.MARKER;
        });
        Arbitrary<String> notQuiteJwt = Arbitraries.of("a.b.c", "..", "x..y", "e30.e30.e30", "eyJ.eyJ.eyJ")
                .map(prefix -> prefix + TestSecrets.MARKER);
        return Arbitraries.frequencyOf(
                Tuple.of(4, opaque),
                Tuple.of(4, jwt),
                Tuple.of(1, notQuiteJwt),
                Tuple.of(1, Arbitraries.of("", " ", "\t", "\n")));
    }

    /** Raw JSON a serializer would not write: extreme or odd numbers for expires_in. */
    static Arbitrary<String> rawLifetimes() {
        return Arbitraries.of("1e400", "-1e400", "1E+999999999", "0.000001", "-0", "3600.5", "1e2", "0x10", "00012",
                "9223372036854775808", "-9223372036854775809", "315360001", "315360000")
                .map(raw -> "{\"access_token\":\"tok-" + TestSecrets.MARKER + "\",\"token_type\":\"bearer\","
                        + "\"expires_in\":" + raw + "}");
    }

    /** Any JSON value without the marker: strings, numbers, booleans, null, lists, objects. */
    static Arbitrary<Object> jsonValues(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(n -> (Object) n),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth <= 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, leaf),
                Tuple.of(1, jsonValues(depth - 1).list().ofMaxSize(3).map(list -> (Object) list)),
                Tuple.of(1, Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8), jsonValues(depth - 1))
                        .ofMaxSize(3).map(map -> (Object) map)));
    }

    static Optional<Object> parse(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JacksonJson.INSTANCE.parse(body));
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    static String write(Object value) {
        return JacksonJson.INSTANCE.write(value);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
