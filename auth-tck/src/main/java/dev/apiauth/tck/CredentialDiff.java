package dev.apiauth.tck;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.matching.ContentPattern;
import com.github.tomakehurst.wiremock.matching.EqualToPattern;
import com.github.tomakehurst.wiremock.matching.MultiValuePattern;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.matching.SingleMatchMultiValuePattern;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apiauth.spi.FormEncoding;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Says where a request and the fixture's declared request differ inside a credential, which the
 * near-miss report can only show redacted (raw and form-encoded Basic credentials both print as
 * {@code <setting 'client-secret' (in a Basic credential)>}). It names the part, says how the
 * encodings differ, and otherwise compares lengths and keyed hashes: HMAC-SHA256 under a key made
 * for this run, so equal hashes mean equal values while the values stay unknown.
 */
final class CredentialDiff {
    /** How the section starts in a failure message; the runner's excerpt keeps it. */
    static final String HEADING = "Where the redacted credentials differ";
    /** Heads the lines in which the declared request and a request sent differ. */
    static final String DIFFERING = "Differing lines (declared request / request sent):";
    /** How each line of both sections starts. */
    static final String ITEM = "  - ";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretScanner secrets;
    private final byte[] key = new byte[32];

    CredentialDiff(SecretScanner secrets) {
        this.secrets = secrets;
        RANDOM.nextBytes(key);
    }

    /** The section for requests that did not match {@code declared}; empty when no credential differs. */
    String explain(RequestPattern declared, List<LoggedRequest> unmatched) {
        Set<String> lines = new LinkedHashSet<>();
        for (LoggedRequest request : unmatched) {
            lines.addAll(differences(declared, request));
        }
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\n").append(HEADING).append(" (values withheld; hashes are"
                + " HMAC-SHA256 under a key made for this run, equal hashes mean equal values):");
        lines.forEach(line -> text.append('\n').append(ITEM).append(line));
        return text.toString();
    }

    /**
     * The parts of each unmatched request that do not match {@code declared}, as WireMock's diff
     * finds them, redacted; empty when there is none.
     */
    String differingLines(RequestPattern declared, List<LoggedRequest> unmatched) {
        Set<String> lines = new LinkedHashSet<>();
        for (LoggedRequest request : unmatched) {
            if (declared.getMethod() != null && !declared.getMethod().match(request.getMethod()).isExactMatch()) {
                lines.add("method: declared " + declared.getMethod() + " / sent " + request.getMethod());
            }
            if (declared.getUrlMatcher() != null && !declared.getUrlMatcher().match(request.getUrl()).isExactMatch()) {
                lines.add("URL: declared " + declared.getUrlMatcher().getExpected() + " / sent " + request.getUrl());
            }
            Map<String, MultiValuePattern> headers = new LinkedHashMap<>();
            if (declared.getBasicAuthCredentials() != null) {
                headers.put("Authorization", declared.getBasicAuthCredentials().asAuthorizationMultiValuePattern());
            }
            if (declared.getHeaders() != null) {
                headers.putAll(declared.getHeaders());
            }
            headers.forEach((name, pattern) -> {
                if (!pattern.match(request.header(name)).isExactMatch()) {
                    lines.add("header '" + name + "': declared " + pattern.getExpected() + " / sent "
                            + (request.header(name).isPresent() ? String.join(", ", request.header(name).values())
                                    : "none"));
                }
            });
            if (declared.getQueryParameters() != null) {
                declared.getQueryParameters().forEach((name, pattern) -> {
                    if (!pattern.match(request.queryParameter(name)).isExactMatch()) {
                        lines.add("query parameter '" + name + "': declared " + pattern.getExpected() + " / sent "
                                + (request.queryParameter(name).isPresent()
                                        ? String.join(", ", request.queryParameter(name).values()) : "none"));
                    }
                });
            }
            if (declared.getBodyPatterns() != null) {
                for (ContentPattern<?> pattern : declared.getBodyPatterns()) {
                    if (pattern instanceof StringValuePattern text
                            && !text.match(request.getBodyAsString()).isExactMatch()) {
                        lines.add("body: declared " + text.getName() + " " + text.getExpected() + " / sent "
                                + request.getBodyAsString());
                    }
                }
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\n").append(DIFFERING);
        lines.forEach(line -> text.append('\n').append(ITEM).append(oneLine(secrets.redact(line))));
        return text.toString();
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s*\\R\\s*", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }

    List<String> differences(RequestPattern declared, LoggedRequest request) {
        List<String> found = new ArrayList<>();
        basic(declared).ifPresent(expected -> {
            String actual = request.getHeader("Authorization");
            Optional<String[]> sent = decodeBasic(actual);
            if (sent.isEmpty()) {
                found.add("header 'Authorization': expected a Basic credential, got "
                        + (actual == null ? "none" : "another kind ('" + actual.split(" ", 2)[0] + " …')"));
                return;
            }
            compare("the Basic credential's user", expected[0], sent.get()[0], true).ifPresent(found::add);
            compare("the Basic credential's password", expected[1], sent.get()[1], true).ifPresent(found::add);
        });
        if (declared.getHeaders() != null) {
            declared.getHeaders().forEach((name, pattern) -> equalTo(pattern).ifPresent(expected -> {
                if (!name.equalsIgnoreCase("Authorization") || basic(declared).isEmpty()) {
                    String actual = request.getHeader(name);
                    if (actual != null) {
                        compare("header '" + name + "'", expected, actual, false).ifPresent(found::add);
                    }
                }
            }));
        }
        if (declared.getBodyPatterns() != null) {
            for (ContentPattern<?> pattern : declared.getBodyPatterns()) {
                if (pattern instanceof EqualToPattern equal && equal.getEqualTo().contains("=")) {
                    Map<String, String> expected = form(equal.getEqualTo());
                    Map<String, String> actual = form(Objects.toString(request.getBodyAsString(), ""));
                    expected.forEach((name, value) -> {
                        if (actual.containsKey(name)) {
                            compare("body parameter '" + name + "'", value, actual.get(name), false)
                                    .ifPresent(found::add);
                        }
                    });
                }
            }
        }
        return found;
    }

    /**
     * How {@code actual} differs from {@code expected}, or empty when they are equal or no secret is
     * involved (then the near-miss report shows them as they are).
     */
    private Optional<String> compare(String part, String expected, String actual, boolean encodedByRfc6749) {
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        Optional<String> secret = secrets.find(expected).or(() -> secrets.find(actual));
        if (secret.isEmpty()) {
            // Not a secret: the values say it best (a client id, a grant type).
            return encodedByRfc6749 ? Optional.of(part + ": expected '" + expected + "', got '" + actual + "'"
                    + encodingNote(expected, actual)) : Optional.empty();
        }
        String what = part + " (the " + secret.get() + ")";
        String encoding = encodingNote(expected, actual);
        if (!encoding.isEmpty()) {
            return Optional.of(what + encoding.replaceFirst("^; ", ": "));
        }
        return Optional.of(what + ": different values: expected " + expected.length() + " characters (hash "
                + hash(expected) + "), got " + actual.length() + " characters (hash " + hash(actual) + ")");
    }

    /** "; expected form-urlencoded (RFC 6749 §2.3.1), got raw" and the like, or "". */
    private static String encodingNote(String expected, String actual) {
        if (expected.equals(FormEncoding.formEncode(actual))) {
            return "; expected form-urlencoded (RFC 6749 §2.3.1), got raw";
        }
        if (actual.equals(FormEncoding.formEncode(expected))) {
            return "; expected raw, got form-urlencoded";
        }
        if (decode(expected).equals(decode(actual))) {
            return "; the same value, encoded differently (e.g. %20 and +)";
        }
        return "";
    }

    private String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (GeneralSecurityException e) {
            return "unavailable";
        }
    }

    /** The declared Basic credential (user, password): withBasicAuth, or an equalTo "Basic …" header. */
    private static Optional<String[]> basic(RequestPattern declared) {
        BasicCredentials credentials = declared.getBasicAuthCredentials();
        if (credentials != null && credentials.present()) {
            return Optional.of(new String[] {credentials.username, credentials.password});
        }
        if (declared.getHeaders() == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, MultiValuePattern> header : declared.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Authorization")) {
                return equalTo(header.getValue()).flatMap(CredentialDiff::decodeBasic);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> equalTo(MultiValuePattern pattern) {
        if (pattern instanceof SingleMatchMultiValuePattern single
                && single.getValuePattern() instanceof EqualToPattern equal) {
            return Optional.of(equal.getEqualTo());
        }
        return Optional.empty();
    }

    private static Optional<String[]> decodeBasic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Form parameters as sent (still encoded), by name. */
    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.putIfAbsent(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return parameters;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
