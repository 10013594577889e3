package dev.apiauth.provider.dotypos;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Real JWTs as the vendor issues them: base64url header and payload, an opaque signature. */
final class TestJwts {
    private TestJwts() {
    }

    /** A JWT whose payload has {@code exp} and a distinguishing {@code jti}. */
    static String expiringAt(Instant exp, String jti) {
        return part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")
                + "." + part("{\"sub\":\"user-1\",\"jti\":\"" + jti + "\",\"exp\":" + exp.getEpochSecond() + "}")
                + "." + part("not-a-real-signature");
    }

    private static String part(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
