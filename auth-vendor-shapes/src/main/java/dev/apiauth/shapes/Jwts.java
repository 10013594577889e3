package dev.apiauth.shapes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWTs signed with HMAC-SHA256, as the simulators issue them for vendors whose tokens are
 * JWTs (doo, Domo, Dotypos). Real vendors sign with their own keys; clients only read the claims
 * (e.g. {@code exp}), so a simulator key is faithful enough.
 */
public final class Jwts {
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    /**
     * {@code base64url(header).base64url(claims).base64url(HMAC-SHA256(key, header.claims))}.
     *
     * @param claims plain JSON values, e.g. {@code exp} as epoch seconds
     * @param key the signing key, at least 32 bytes
     */
    public static String hs256(Map<String, Object> claims, byte[] key) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("an HS256 key needs at least 32 bytes, got " + key.length);
        }
        String signingInput = encode(HEADER) + "." + encode(Shapes.write(claims));
        return signingInput + "." + BASE64URL.encodeToString(hmac(key, signingInput));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
