package dev.apiauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.spi.oauth2.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Jwt} with the engine's JSON, as providers use it. */
class JwtWithJacksonJsonTest {
    private static final JacksonJson JSON = JacksonJson.INSTANCE;
    private static final Instant EXPIRY = Instant.parse("2026-01-01T00:00:00Z");

    private static String base64Url(String text, boolean padded) {
        Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String jwt(String payload, boolean padded) {
        return base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", padded) + "." + base64Url(payload, padded)
                + ".c2lnbmF0dXJl";
    }

    @Test
    void readsExpiryOfAJwtWithoutPadding() {
        // 32 bytes: base64url needs one '=' of padding, which JWTs leave off.
        String payload = "{\"sub\":\"svc-1\",\"exp\":" + EXPIRY.getEpochSecond() + "}";
        String token = jwt(payload, false);

        assertThat(token.split("\\.")[1]).doesNotEndWith("=");
        assertThat(Jwt.expiry(token, JSON)).contains(EXPIRY);
        assertThat(Jwt.claims(token, JSON)).hasValueSatisfying(claims -> assertThat(claims)
                .containsEntry("sub", "svc-1").containsKey("exp"));
    }

    @Test
    void readsExpiryOfAJwtWithPadding() {
        String payload = "{\"sub\":\"svc-1\",\"exp\":" + EXPIRY.getEpochSecond() + "}";
        String token = jwt(payload, true);

        assertThat(token.split("\\.")[1]).endsWith("=");
        assertThat(Jwt.expiry(token, JSON)).contains(EXPIRY);
    }

    @Test
    void readsPayloadsWithUrlSafeCharacters() {
        // '?' and '>' in the payload make base64url use '_' and '-' where standard base64 has '/' and '+'.
        String payload = "{\"note\":\"??>>??>>\",\"exp\":" + EXPIRY.getEpochSecond() + "}";
        String token = jwt(payload, false);

        assertThat(token.split("\\.")[1]).containsAnyOf("_", "-");
        assertThat(Jwt.expiry(token, JSON)).contains(EXPIRY);
    }

    @Test
    void readsAFractionalExpiry() {
        assertThat(Jwt.expiry(jwt("{\"exp\":1767225600.75}", false), JSON)).contains(EXPIRY);
    }

    @Test
    void hasNoExpiryWhenExpIsMissingOrNotANumber() {
        assertThat(Jwt.expiry(jwt("{\"sub\":\"svc\"}", false), JSON)).isEmpty();
        assertThat(Jwt.expiry(jwt("{\"exp\":\"1767225600\"}", false), JSON)).isEmpty();
        assertThat(Jwt.expiry(jwt("{\"exp\":null}", false), JSON)).isEmpty();
        assertThat(Jwt.claims(jwt("{\"sub\":\"svc\"}", false), JSON)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"opaque-token-value", "a.b", "a.b.c.d", "header..signature", "", "..",
            "eyJhbGciOiJub25lIn0.@@@not-base64@@@.sig"})
    void hasNoClaimsForSomethingThatIsNotAJwt(String token) {
        assertThat(Jwt.claims(token, JSON)).isEmpty();
        assertThat(Jwt.expiry(token, JSON)).isEmpty();
    }

    @Test
    void hasNoClaimsWhenThePayloadIsNotAJsonObject() {
        assertThat(Jwt.claims(jwt("not json at all", false), JSON)).isEmpty();
        assertThat(Jwt.claims(jwt("[1,2,3]", false), JSON)).isEmpty();
        assertThat(Jwt.claims(jwt("{\"exp\":1} trailing", false), JSON)).isEmpty();
        assertThat(Jwt.expiry(jwt("\"exp\"", false), JSON)).isEmpty();
    }

    @Test
    void jwtExpiryRefusesDeadExpiriesAndKeepsFarFutureOnesForTheEngineToCap() {
        Instant now = EXPIRY.minusSeconds(3600);
        dev.apiauth.spi.oauth2.TokenResponses responses = dev.apiauth.spi.oauth2.TokenResponses.of("p",
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        dev.apiauth.spi.EndpointResponse ok = new dev.apiauth.spi.EndpointResponse(200, java.util.Map.of(), "",
                java.util.Optional.empty());
        assertThat(responses.jwtExpiry(ok, jwt("{\"exp\":" + EXPIRY.getEpochSecond() + "}", false), JSON)).contains(EXPIRY);
        assertThat(responses.jwtExpiry(ok, "opaque", JSON)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> responses.jwtExpiry(ok, jwt("{\"exp\":" + now.getEpochSecond() + "}", false), JSON))
                .as("dead on arrival").isInstanceOf(dev.apiauth.spi.MalformedResponseException.class);
        long elevenYears = 11L * 365 * 24 * 3600;
        assertThat(responses.jwtExpiry(ok, jwt("{\"exp\":" + (now.getEpochSecond() + elevenYears) + "}", false), JSON))
                .as("over ten years ahead: implausible, capped by the engine")
                .contains(now.plusSeconds(elevenYears));
        for (String exp : new String[] {"100000000000000000", "1e300"}) { // beyond any Instant
            assertThat(responses.jwtExpiry(ok, jwt("{\"exp\":" + exp + "}", false),
                    JSON)).as(exp).contains(Instant.ofEpochSecond(Instant.MAX.getEpochSecond()));
        }
        assertThat(Jwt.expiry(jwt("{\"exp\":100000000000000000}", false), JSON)).as("out of Instant's range").isEmpty();
    }
}
