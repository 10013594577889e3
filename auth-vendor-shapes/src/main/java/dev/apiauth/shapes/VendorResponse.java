package dev.apiauth.shapes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One answer exactly as a vendor sends it: status, media type, body and any further headers. The
 * simulators serve these, and test fixtures can hand the same values to a stub server (for
 * WireMock: {@code aResponse().withStatus(r.status()).withHeader("Content-Type", r.contentType())
 * .withBody(r.body())}).
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header, or {@code null} when there is no body
 * @param body the body text, empty when there is none
 * @param headers further headers (e.g. {@code Location}, {@code WWW-Authenticate}), in order
 */
public record VendorResponse(int status, String contentType, String body, Map<String, String> headers) {
    /** The JSON media type most vendors send. */
    public static final String JSON = "application/json; charset=utf-8";

    public VendorResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /** A response without further headers. */
    public VendorResponse(int status, String contentType, String body) {
        this(status, contentType, body, Map.of());
    }

    /** A JSON response. */
    public static VendorResponse json(int status, String body) {
        return new VendorResponse(status, JSON, body);
    }

    /** This response with one more header. */
    public VendorResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new VendorResponse(status, contentType, body, more);
    }

    /** The body's JSON parsed to plain Java values (maps, lists, strings, numbers), for assertions. */
    public Object parsedBody() {
        return Shapes.JSON.parse(body);
    }

    @Override
    public String toString() {
        // Token responses carry tokens: print the shape, never the body.
        return "VendorResponse[" + status + ", " + contentType + ", headers=" + headers.keySet() + "]";
    }
}
