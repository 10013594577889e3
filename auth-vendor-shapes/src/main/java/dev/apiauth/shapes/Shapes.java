package dev.apiauth.shapes;

import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the shape classes share: JSON writing in field order. */
final class Shapes {
    static final Json JSON = JacksonJson.INSTANCE;

    private Shapes() {
    }

    /** An ordered JSON object from alternating names and values; {@code null} values are written as null. */
    static Map<String, Object> object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    static String write(Object value) {
        return JSON.write(value);
    }

    /** A JSON answer of {@code status} with {@code Cache-Control: no-store}, as token responses must have (RFC 6749 §5.1). */
    static VendorResponse tokenJson(int status, Object body) {
        return VendorResponse.json(status, write(body)).withHeader("Cache-Control", "no-store")
                .withHeader("Pragma", "no-cache");
    }
}
