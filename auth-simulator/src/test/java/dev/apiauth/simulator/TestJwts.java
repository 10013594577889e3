package dev.apiauth.simulator;

import dev.apiauth.core.internal.JacksonJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Reads a JWT's header and claims for assertions. */
final class TestJwts {
    private TestJwts() {
    }

    static Map<String, Object> header(String jwt) {
        return part(jwt, 0);
    }

    static Map<String, Object> claims(String jwt) {
        return part(jwt, 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(String jwt, int index) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a compact JWT: " + parts.length + " parts");
        }
        return (Map<String, Object>) JacksonJson.INSTANCE.parse(
                new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8));
    }
}
