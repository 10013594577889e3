package dev.apiauth.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials for printing: enough to recognise a value (its first four characters when it is
 * long enough that they give nothing away, and its length), never enough to use it.
 */
final class Masking {
    /** Values shorter than this show no characters at all, only their length. */
    static final int SHOW_PREFIX_FROM = 16;
    private static final int PREFIX = 4;
    /** {@code Bearer abc}, {@code Basic abc}, {@code User abc}: the scheme is not secret, the rest is. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9._-]*) (.+)", Pattern.DOTALL);

    private Masking() {
    }

    /** {@code eyJh…(812 chars)}; short values as {@code …(8 chars)}. */
    static String mask(String secret) {
        int length = secret.length();
        String prefix = length >= SHOW_PREFIX_FROM ? secret.substring(0, PREFIX) : "";
        return prefix + "…(" + length + " chars)";
    }

    /** A header value with its credential masked and an authentication scheme, if any, kept. */
    static String maskHeader(String value) {
        Matcher scheme = SCHEME.matcher(value);
        if (scheme.matches()) {
            return scheme.group(1) + " " + mask(scheme.group(2));
        }
        return mask(value);
    }

    /** Every header value masked unless {@code reveal}. */
    static Map<String, String> headers(Map<String, String> headers, boolean reveal) {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name, reveal ? value : maskHeader(value)));
        return shown;
    }
}
