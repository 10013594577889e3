package dev.apiauth.spi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** The two URL encodings token requests need, so no provider hand-rolls either. */
@Api(status = Api.Status.STABLE)
public final class FormEncoding {
    private FormEncoding() {
    }

    /**
     * {@code application/x-www-form-urlencoded} encoding of one value (space → {@code +},
     * backslash → {@code %5C}), as RFC 6749 §2.3.1 requires for Basic client credentials.
     *
     * @param value the text, UTF-8 encoded first
     * @return the encoded value
     */
    public static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A whole form body, parameters in order.
     *
     * @param parameters the form parameters
     * @return the body, {@code name=value} pairs joined with {@code &}
     */
    public static String formEncode(Map<String, String> parameters) {
        StringJoiner body = new StringJoiner("&");
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            body.add(formEncode(parameter.getKey()) + "=" + formEncode(parameter.getValue()));
        }
        return body.toString();
    }

    /**
     * RFC 3986 percent-encoding for a query component: only unreserved characters stay as they are.
     *
     * @param value the text, UTF-8 encoded first
     * @return the encoded value
     */
    public static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
