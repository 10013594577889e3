package dev.apiauth.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.oauth2.Jwt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The shapes fixtures will reuse: JWTs, redirects, and the documented bodies. */
class ShapesTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void accessTokensAreJwtsSignedWithTheSimulatorsKeyThatTheEngineReads() throws Exception {
        Instant exp = Instant.ofEpochSecond(1_800_000_000L);
        String jwt = DooShapes.accessToken("demo", exp.minusSeconds(1200), exp, "j-1", KEY);
        String[] parts = jwt.split("\\.");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));

        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));

        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
        assertThat(jwt).doesNotContain("=");
        assertThat(Jwt.expiry(jwt, JacksonJson.INSTANCE)).contains(exp);
        assertThat(Jwt.claims(jwt, JacksonJson.INSTANCE).orElseThrow()).containsEntry("sub", "demo")
                .containsEntry("jti", "j-1");
    }

    @Test
    void accessTokensRefuseAShortKey() {
        assertThatThrownBy(() -> DooShapes.accessToken("demo", Instant.EPOCH, Instant.EPOCH, "j", Arrays.copyOf(KEY, 16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void consentRedirectKeepsTheRedirectQueryAndPercentEncodesTheToken() {
        VendorResponse redirect = DotyposShapes.consentGranted(URI.create("https://app.example/cb?tenant=7#top"),
                "r+t/=", "319713", "s 1");

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.headers()).containsEntry("Location",
                "https://app.example/cb?tenant=7&token=r%2Bt%2F%3D&cloudid=319713&state=s%201");
    }

    @Test
    void domoSuccessIsTheDocumentedBody() {
        VendorResponse response = DomoShapes.tokenIssued("eyJ.x.y", "acmecompany", 3599,
                "81dece4c-df73-4569-853c-2d1a328897fd", "Admin", "data user", 964382593L);

        assertThat(response.body()).isEqualTo("{\"access_token\":\"eyJ.x.y\",\"customer\":\"acmecompany\","
                + "\"expires_in\":3599,\"jti\":\"81dece4c-df73-4569-853c-2d1a328897fd\",\"role\":\"Admin\","
                + "\"scope\":\"data user\",\"token_type\":\"bearer\",\"userId\":964382593}");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void docoonDenialIsTheDocumentedMessage() {
        assertThat(DocoonShapes.denied().status()).isEqualTo(401);
        assertThat(DocoonShapes.denied().parsedBody())
                .isEqualTo(Map.of("Message", "Authorization has been denied for this request."));
    }

    @Test
    void docoonOutageIsAnHtmlPageNotJson() {
        VendorResponse outage = DocoonShapes.serviceUnavailable();

        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.contentType()).startsWith("text/html");
        assertThat(outage.body()).contains("HTTP Error 503. The service is unavailable.");
    }

    @Test
    void dotyposOutageUsesTheErrorShape() {
        VendorResponse outage = DotyposShapes.serviceUnavailable();

        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.parsedBody()).isInstanceOfSatisfying(Map.class, body -> assertThat(body)
                .containsOnlyKeys("error", "message").containsEntry("error", "ServiceUnavailable"));
    }

    @Test
    void dooErrorsUseTheEnvelopeWithoutData() {
        assertThat(DooShapes.invalidClient().parsedBody()).isInstanceOfSatisfying(Map.class, envelope -> assertThat(
                envelope).containsOnlyKeys("response_status", "developer_message", "user_message")
                .containsEntry("response_status", 401));
    }

    @Test
    void responseRefusesAnImpossibleStatus() {
        assertThatThrownBy(() -> VendorResponse.json(99, "{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
