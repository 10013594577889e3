package dev.apiauth.reliability.properties;

import static dev.apiauth.reliability.properties.Gen.weight;

import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.testing.TestJwt;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    static Gen<EndpointResponse> responses(long maxAbsExp) {
        Gen<Integer> statuses = statuses();
        Gen<Map<String, List<String>>> headers = headers();
        Gen<String> bodies = bodies(maxAbsExp);
        return random -> {
            int status = statuses.next(random);
            Map<String, List<String>> head = headers.next(random);
            String body = bodies.next(random);
            return new EndpointResponse(status, head, body, parse(body));
        };
    }

    static Gen<Integer> statuses() {
        return Gen.frequency(
                weight(6, Gen.of(200, 201)),
                weight(3, Gen.of(204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 408, 409, 422, 429,
                        500, 502, 503, 504)),
                weight(1, Gen.ints(100, 599)));
    }

    static Gen<Map<String, List<String>>> headers() {
        Gen<String> retryAfter = Gen.oneOf(
                Gen.longs(0, 9_999_999_999L).map(String::valueOf),
                Gen.numeric(11, 25),
                Gen.longs(-400_000_000_000L, 400_000_000_000L).map(seconds -> DateTimeFormatter
                        .RFC_1123_DATE_TIME.format(NOW.plusSeconds(seconds / 100).atZone(ZoneOffset.UTC))),
                Gen.of("-1", "1.5", "", " ", "Wed, 21 Oct 2015 07:28:00 GMT", "Thu, 31 Feb 2026 25:61:61 GMT",
                        "Fri, 31 Dec 999999999 23:59:59 GMT", "tomorrow", "1e9"),
                Gen.strings(40));
        Gen<String> reset = Gen.oneOf(
                Gen.longs(0, 99_999_999_999L).map(String::valueOf),
                Gen.of("2026-03-02T09:00:30Z", "2026-03-02T09:00:30+02:00", "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "now"),
                Gen.strings(30));
        Gen<String> contentType = Gen.of("application/json", "application/json; charset=utf-8",
                "text/html", "text/plain", "application/xml", "application/problem+json", ";;;", "", "application/json; charset=bogus");
        Gen<String> location = Gen.of("http://oauth.example.com/token", "https://elsewhere.example/x",
                "/relative", "", "::not a uri::");
        Gen<Optional<String>> a = retryAfter.optional();
        Gen<Optional<String>> r = reset.optional();
        Gen<Optional<String>> c = contentType.optional();
        Gen<Optional<String>> l = location.optional();
        return random -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            a.next(random).ifPresent(value -> headers.put("Retry-After", List.of(value)));
            r.next(random).ifPresent(value -> headers.put("X-RateLimit-Reset", List.of(value)));
            c.next(random).ifPresent(value -> headers.put("Content-Type", List.of(value)));
            l.next(random).ifPresent(value -> headers.put("Location", List.of(value)));
            return headers;
        };
    }

    static Gen<String> bodies(long maxAbsExp) {
        Gen<String> json = tokenObjects(maxAbsExp).map(Generators::write);
        Gen<Double> cut = Gen.doubles(0, 1);
        return Gen.frequency(
                weight(10, json),
                weight(2, tokenObjects(maxAbsExp).map(object -> write(Map.of("response_status", 200,
                        "data", object)))),
                weight(2, rawLifetimes()),
                weight(2, random -> {
                    String whole = json.next(random);
                    return whole.substring(0, (int) (whole.length() * cut.next(random)));
                }),
                weight(1, jsonValues(2).map(Generators::write)),
                weight(1, Gen.strings(200)),
                weight(1, Gen.of("", " ", "null", "[]", "{}", "\"text\"", "<html><body>Sign in</body></html>")));
    }

    /**
     * A JSON object near the vendors' success shapes: one token under every vendor's field
     * ({@code access_token}, Dotypos' {@code accessToken}, doo's {@code data.access_token}) plus the
     * usual fields, where each field is independently kept, dropped or replaced by any JSON value.
     */
    static Gen<Map<String, Object>> tokenObjects(long maxAbsExp) {
        // One token per object, put under every field whose well-formed value is "the token".
        List<String> names = concat(TOKEN_FIELDS, OTHER_FIELDS, List.of("data", "x-extra"));
        List<Gen<Optional<Object>>> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(Gen.frequency(
                    weight(5, good(name).map(Optional::ofNullable)),
                    weight(2, Gen.just(Optional.<Object>empty())),
                    weight(2, valueFor(name, maxAbsExp).map(Optional::ofNullable))));
        }
        Gen<List<Optional<Object>>> values = Gen.all(fields);
        Gen<String> tokens = tokens(maxAbsExp);
        return random -> {
            String token = tokens.next(random);
            List<Optional<Object>> generated = values.next(random);
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                generated.get(i).ifPresent(value -> object.put(name, value == THE_TOKEN ? token
                        : value == THE_TOKEN_IN_DATA ? mapOf("access_token", token, "refresh_token", null) : value));
            }
            return object;
        };
    }

    private static final Object THE_TOKEN = new Object();
    private static final Object THE_TOKEN_IN_DATA = new Object();

    /** The well-formed value of a field in a success answer (empty for error-only fields). */
    private static Gen<Object> good(String name) {
        return switch (name) {
            case "access_token", "accessToken" -> Gen.just(THE_TOKEN);
            case "data" -> Gen.just(THE_TOKEN_IN_DATA);
            case "token_type" -> Gen.of("bearer", "Bearer", "BEARER");
            case "expires_in" -> Gen.longs(0, 100_000).map(n -> (Object) n);
            case "scope" -> Gen.of("data user", "OMS", "integration");
            case "response_status" -> Gen.just(200);
            default -> Gen.just(null);
        };
    }

    private static Gen<Object> valueFor(String name, long maxAbsExp) {
        if (TOKEN_FIELDS.contains(name)) {
            return Gen.frequency(
                    weight(3, tokens(maxAbsExp).map(token -> (Object) token)),
                    weight(2, jsonValues(1)));
        }
        if (name.equals("data")) {
            return Gen.frequency(
                    weight(3, tokens(maxAbsExp).map(token -> (Object) mapOf("access_token", token, "refresh_token", null))),
                    weight(1, jsonValues(1)));
        }
        if (name.equals("expires_in")) {
            return Gen.oneOf(
                    Gen.longs(-10_000, 10_000).map(n -> (Object) n),
                    Gen.longs().map(n -> (Object) n),
                    Gen.doubles().map(d -> (Object) d),
                    Gen.of("3600", " 3599 ", "1e3", "-5", "NaN", "Infinity", "", "abc", "1e400").map(s -> (Object) s),
                    jsonValues(1));
        }
        return jsonValues(2);
    }

    /** Token values: opaque (with the marker), JWTs whose {@code exp} is anything, blank. */
    static Gen<String> tokens(long maxAbsExp) {
        Gen<String> opaque = Gen.strings(Gen.charRange('!', '~'), 0, 30)
                .map(suffix -> "tok-" + TestSecrets.MARKER + suffix);
        Gen<Object> exp = Gen.oneOf(
                Gen.longs(-3600, 7200).map(delta -> (Object) (NOW.getEpochSecond() + delta)),
                Gen.longs(-maxAbsExp, maxAbsExp).map(n -> (Object) n),
                Gen.doubles(-maxAbsExp, maxAbsExp).map(d -> (Object) d),
                Gen.of("1772442000", "soon", "").map(s -> (Object) s),
                Gen.just(null));
        Gen<String> jwt = exp.map(value -> {
            return TestJwt.builder().subject("prop").claim("exp", value).signature("sig" + TestSecrets.MARKER).build();
        });
        Gen<String> notQuiteJwt = Gen.of("a.b.c", "..", "x..y", "e30.e30.e30", "eyJ.eyJ.eyJ")
                .map(prefix -> prefix + TestSecrets.MARKER);
        return Gen.frequency(
                weight(4, opaque),
                weight(4, jwt),
                weight(1, notQuiteJwt),
                weight(1, Gen.of("", " ", "\t", "\n")));
    }

    /** Raw JSON a serializer would not write: extreme or odd numbers for expires_in. */
    static Gen<String> rawLifetimes() {
        return Gen.of("1e400", "-1e400", "1E+999999999", "0.000001", "-0", "3600.5", "1e2", "0x10", "00012",
                "9223372036854775808", "-9223372036854775809", "315360001", "315360000")
                .map(raw -> "{\"access_token\":\"tok-" + TestSecrets.MARKER + "\",\"token_type\":\"bearer\","
                        + "\"expires_in\":" + raw + "}");
    }

    /** Any JSON value without the marker: strings, numbers, booleans, null, lists, objects. */
    static Gen<Object> jsonValues(int depth) {
        Gen<Object> leaf = Gen.oneOf(
                Gen.strings(20).map(s -> (Object) s),
                Gen.ints().map(n -> (Object) n),
                Gen.longs().map(n -> (Object) n),
                Gen.doubles().map(d -> (Object) d),
                Gen.of(true, false).map(b -> (Object) b),
                Gen.just(null));
        if (depth <= 0) {
            return leaf;
        }
        return Gen.frequency(
                weight(6, leaf),
                weight(1, jsonValues(depth - 1).list(3).map(list -> (Object) list)),
                weight(1, Gen.maps(Gen.alpha(8), jsonValues(depth - 1), 3).map(map -> (Object) map)));
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
