package dev.apiauth.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWTs (RFC 7519) with the claims a test needs, as vendors issue them: base64url header,
 * base64url JSON claims, and a signature that is either an opaque placeholder ({@link Builder#build})
 * or a real HMAC-SHA256 ({@link Builder#signHs256}). Clients of a vendor only read the claims (e.g.
 * {@code exp}), so tests rarely need a verifiable signature.
 *
 * <pre>{@code
 * String token = TestJwt.builder().subject("user-1").expiresAt(clock.instant().plusSeconds(3600)).build();
 * }</pre>
 */
public final class TestJwt {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** base64url("signature"): an obviously fake third segment. */
    static final String PLACEHOLDER_SIGNATURE = BASE64URL.encodeToString("signature".getBytes(StandardCharsets.UTF_8));

    private TestJwt() {
    }

    /** A builder of a JWT with header {@code {"alg":"HS256","typ":"JWT"}} and no claims yet. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The three parts of a compact JWT, decoded: header and claims as JSON text, the signature segment
     * as sent. Parse the JSON with the library of your tests.
     *
     * @throws IllegalArgumentException when {@code jwt} is not three base64url parts separated by dots
     */
    public static Decoded decode(String jwt) {
        Objects.requireNonNull(jwt, "jwt");
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a compact JWT has 3 parts separated by '.', this one has "
                    + parts.length);
        }
        return new Decoded(text(parts[0], "header"), text(parts[1], "claims"), parts[2]);
    }

    private static String text(String part, String name) {
        try {
            return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWT's " + name + " is not base64url", e);
        }
    }

    /**
     * A decoded JWT.
     *
     * @param header the header's JSON text, e.g. {@code {"alg":"HS256","typ":"JWT"}}
     * @param claims the claims' JSON text
     * @param signature the third segment, still base64url-encoded
     */
    public record Decoded(String header, String claims, String signature) {
    }

    /** Collects header algorithm, claims and signature; not thread-safe, one per token. */
    public static final class Builder {
        private String algorithm = "HS256";
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String signature = PLACEHOLDER_SIGNATURE;

        private Builder() {
        }

        /** The header's {@code alg} (default {@code HS256}); only {@link #build} honours another one. */
        public Builder algorithm(String algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** The {@code sub} claim. */
        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        /** The {@code jti} claim, which makes tokens with otherwise equal claims distinct. */
        public Builder id(String id) {
            return claim("jti", id);
        }

        /** The {@code iat} claim, in seconds since the epoch. */
        public Builder issuedAt(Instant issuedAt) {
            return claim("iat", issuedAt.getEpochSecond());
        }

        /** The {@code exp} claim, in seconds since the epoch. */
        public Builder expiresAt(Instant expiresAt) {
            return claim("exp", expiresAt.getEpochSecond());
        }

        /**
         * Any claim, in the order added; a second value for a name replaces the first.
         *
         * @param value a string, number, boolean, {@code null}, or a map or list of those (written as JSON)
         * @throws IllegalArgumentException for any other type, or a number JSON cannot hold (NaN, infinity)
         */
        public Builder claim(String name, Object value) {
            Objects.requireNonNull(name, "name");
            ClaimsJson.check(value);
            claims.put(name, value);
            return this;
        }

        /** Every entry of {@code values} as a claim; see {@link #claim}. */
        public Builder claims(Map<String, ?> values) {
            values.forEach(this::claim);
            return this;
        }

        /**
         * The third segment, verbatim (default: base64url of {@code "signature"}). Tests may put a marker
         * in it to find the token in logs.
         */
        public Builder signature(String segment) {
            this.signature = Objects.requireNonNull(segment, "segment");
            return this;
        }

        /** {@code base64url(header).base64url(claims).signature}: a JWT whose signature nobody can verify. */
        public String build() {
            return signingInput(algorithm) + "." + signature;
        }

        /**
         * The JWT signed with HMAC-SHA256, its header saying {@code HS256}, as a vendor issues it with its key.
         *
         * @param key the signing key, at least 32 bytes (RFC 7518 §3.2)
         * @throws IllegalArgumentException for a shorter key
         * @throws IllegalStateException when {@link #algorithm} named another algorithm
         */
        public String signHs256(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < 32) {
                throw new IllegalArgumentException("an HS256 key needs at least 32 bytes, got " + key.length);
            }
            if (!algorithm.equals("HS256")) {
                throw new IllegalStateException("the header says alg " + algorithm + "; signHs256 signs HS256 only");
            }
            String input = signingInput("HS256");
            return input + "." + BASE64URL.encodeToString(hmacSha256(key, input));
        }

        private String signingInput(String alg) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", alg);
            header.put("typ", "JWT");
            return encode(ClaimsJson.write(header)) + "." + encode(ClaimsJson.write(claims));
        }

        private static String encode(String json) {
            return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        private static byte[] hmacSha256(byte[] key, String message) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
            }
        }
    }
}
