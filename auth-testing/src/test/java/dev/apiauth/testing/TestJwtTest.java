package dev.apiauth.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TestJwtTest {
    private static final Instant EXP = Instant.parse("2026-03-02T10:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void buildsACompactJwtWithTheClaimsInOrder() {
        String jwt = TestJwt.builder().subject("user-1").id("a1").issuedAt(EXP.minusSeconds(3600)).expiresAt(EXP)
                .claim("cloudId", 42).build();

        assertThat(jwt).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        TestJwt.Decoded decoded = TestJwt.decode(jwt);
        assertThat(decoded.header()).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(decoded.claims()).isEqualTo("{\"sub\":\"user-1\",\"jti\":\"a1\",\"iat\":" + (EXP.getEpochSecond() - 3600)
                + ",\"exp\":" + EXP.getEpochSecond() + ",\"cloudId\":42}");
        assertThat(decoded.signature()).isEqualTo("c2lnbmF0dXJl");
        assertThat(new String(Base64.getUrlDecoder().decode(decoded.signature()), StandardCharsets.UTF_8))
                .isEqualTo("signature");
    }

    @Test
    void takesAnotherAlgorithmAndAVerbatimSignature() {
        String jwt = TestJwt.builder().algorithm("RS256").subject("4711").signature("sig-MARKER").build();

        assertThat(jwt).endsWith(".sig-MARKER");
        assertThat(TestJwt.decode(jwt).header()).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    }

    @Test
    void writesEveryPlainJsonValueAndEscapesStrings() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("deep", List.of(1, 2.5, true));
        nested.put("none", null);
        String jwt = TestJwt.builder().claim("text", "a \"quoted\"\\ line\nand\u0001")
                .claims(Map.of("nested", nested)).claim("huge", new java.math.BigInteger("123456789012345678901234567890"))
                .claim("text", "replaced \u00e9").build();

        assertThat(TestJwt.decode(jwt).claims()).isEqualTo("{\"text\":\"replaced \u00e9\","
                + "\"nested\":{\"deep\":[1,2.5,true],\"none\":null},\"huge\":123456789012345678901234567890}");
        assertThat(TestJwt.decode(TestJwt.builder().claim("s", "a \"q\"\\\n\t\u0001").build()).claims())
                .isEqualTo("{\"s\":\"a \\\"q\\\"\\\\\\n\\t\\u0001\"}");
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThatThrownBy(() -> TestJwt.builder().claim("exp", EXP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
        assertThatThrownBy(() -> TestJwt.builder().claim("exp", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> TestJwt.builder().claim("m", Map.of(1, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names are strings");
    }

    @Test
    void signsWithHmacSha256() throws Exception {
        String jwt = TestJwt.builder().subject("demo").expiresAt(EXP).signHs256(KEY);

        String[] parts = jwt.split("\\.");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
        assertThat(parts[2]).doesNotContain("=");
        assertThat(TestJwt.decode(jwt).header()).contains("\"alg\":\"HS256\"");
        assertThat(TestJwt.builder().subject("other").expiresAt(EXP).signHs256(KEY)).isNotEqualTo(jwt);
    }

    @Test
    void refusesAShortKeyOrAnotherAlgorithmWhenSigning() {
        assertThatThrownBy(() -> TestJwt.builder().signHs256(Arrays.copyOf(KEY, 16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes, got 16");
        assertThatThrownBy(() -> TestJwt.builder().algorithm("RS256").signHs256(KEY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RS256");
    }

    @Test
    void decodeRefusesWhatIsNotACompactJwt() {
        assertThatThrownBy(() -> TestJwt.decode("a.b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("this one has 2");
        assertThatThrownBy(() -> TestJwt.decode("e30.!!.x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claims is not base64url");
    }
}
