package dev.apiauth.provider.dotypos;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.store.InMemorySecretStore;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.consent.ConsentCallbackException;
import dev.apiauth.spi.consent.ConsentRequest;
import dev.apiauth.spi.consent.ConsentResult;
import dev.apiauth.spi.consent.InteractiveConsent;
import dev.apiauth.spi.internal.SettingValues;
import dev.apiauth.testing.TestJwt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The browser consent: connector URL and form, state, callback, and handing the token to the engine. */
class DotyposConsentTest {
    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String CLIENT_SECRET = "cl13nt-s3cret";
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback?app=a&b=1");
    private static final long TIMESTAMP = 1_700_000_000L;
    /** {@code printf 1700000000 | openssl dgst -sha256 -hmac cl13nt-s3cret}. */
    private static final String SIGNATURE = "53ffe4f739c4a9ae39c81cb5fbfc70b86b6e5330f2069e34498e5e41386a9a10";
    /** The unpadded base64url of bytes 200..231, which {@link FixedRandom} yields. */
    private static final String FIXED_STATE = "yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5uc";

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);

    /** Yields 200, 201, … so the state is predictable. */
    private static final class FixedRandom extends SecureRandom {
        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (200 + i);
            }
        }
    }

    private DotyposConsent.Builder consent() {
        return DotyposConsent.builder("app 7", Secret.of(CLIENT_SECRET), REDIRECT).clock(clock).random(new FixedRandom());
    }

    @Test
    void legacyUrlCarriesTheDocumentedQueryPercentEncoded() {
        ConsentRequest request = consent().build().begin();

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.state()).isEqualTo(FIXED_STATE);
        assertThat(request.url()).hasToString("https://admin.dotykacka.cz/client/connect"
                + "?client_id=app%207"
                + "&client_secret=cl13nt-s3cret"
                + "&scope=%2A"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback%3Fapp%3Da%26b%3D1"
                + "&state=" + FIXED_STATE);
        assertThat(request.formFields()).isEmpty();
    }

    @Test
    void legacyUrlEncodesReservedCharactersOfTheSecretAndKeepsAnExistingQuery() {
        ConsentRequest request = DotyposConsent.builder("app", Secret.of("a+b/c=d&e f"), REDIRECT)
                .connectUrl(URI.create("https://connect.example.test/client/connect?lang=cs"))
                .random(new FixedRandom()).build().begin();

        assertThat(request.url().getRawQuery()).startsWith("lang=cs&client_id=app&client_secret=a%2Bb%2Fc%3Dd%26e%20f&");
        assertThat(request.url().getHost()).isEqualTo("connect.example.test");
    }

    @Test
    void v2FormIsSignedWithHmacOfTheTimestampAndDoesNotSendTheSecret() {
        ConsentRequest request = consent().flavour(DotyposConsent.Flavour.V2).build().begin();

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url()).hasToString("https://admin.dotykacka.cz/client/connect/v2");
        assertThat(request.formFields()).containsExactly(
                Map.entry("client_id", "app 7"),
                Map.entry("timestamp", "1700000000"),
                Map.entry("signature", SIGNATURE),
                Map.entry("scope", "*"),
                Map.entry("redirect_uri", REDIRECT.toString()),
                Map.entry("state", FIXED_STATE));
        assertThat(request.formFields().values()).doesNotContain(CLIENT_SECRET);
        assertThat(request.url().toString()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void signatureMatchesAnIndependentHmacSha256() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String independent = HexFormat.of().formatHex(mac.doFinal("1700000000".getBytes(StandardCharsets.UTF_8)));

        assertThat(independent).isEqualTo(SIGNATURE);
        assertThat(DotyposConsent.signature(Secret.of(CLIENT_SECRET), TIMESTAMP)).isEqualTo(SIGNATURE);
    }

    @Test
    void v2TimestampFollowsTheClock() {
        Clock later = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP + 90), ZoneOffset.UTC);
        ConsentRequest request = consent().clock(later).flavour(DotyposConsent.Flavour.V2).build().begin();

        assertThat(request.formFields()).containsEntry("timestamp", "1700000090")
                .containsEntry("signature", DotyposConsent.signature(Secret.of(CLIENT_SECRET), TIMESTAMP + 90))
                .doesNotContainEntry("signature", SIGNATURE);
    }

    @Test
    void v2PageSubmitsTheFormWithEscapedValues() {
        String html = consent().flavour(DotyposConsent.Flavour.V2).build().begin().html();

        assertThat(html).contains("<form method=\"post\" action=\"https://admin.dotykacka.cz/client/connect/v2\">")
                .contains("<input type=\"hidden\" name=\"signature\" value=\"" + SIGNATURE + "\">")
                .contains("<input type=\"hidden\" name=\"redirect_uri\" value=\"http://127.0.0.1:8765/callback?app=a&amp;b=1\">")
                .contains("document.forms[0].submit()")
                .doesNotContain(CLIENT_SECRET);
    }

    @Test
    void legacyPageRedirectsToTheEscapedUrl() {
        ConsentRequest request = consent().build().begin();

        assertThat(request.html()).contains("content=\"0;url=" + request.url().toString().replace("&", "&amp;") + "\"")
                .doesNotContain("&scope");
    }

    @Test
    void stateIsFreshRandomAndUrlSafe() {
        DotyposConsent consent = DotyposConsent.builder("app", Secret.of(CLIENT_SECRET), REDIRECT).build();

        String first = consent.begin().state();
        String second = consent.begin().state();

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(second).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);
    }

    @Test
    void callbackYieldsRefreshTokenAndCloudId() {
        ConsentResult result = DotyposConsent.parseCallback(
                URI.create("/callback?app=a&token=rt%2Fabc%3D%3D&cloudid=351234567&state=" + FIXED_STATE), FIXED_STATE);

        assertThat(result.secrets().get(DotyposProvider.REFRESH_TOKEN_KEY).reveal()).isEqualTo("rt/abc==");
        assertThat(result.settings().get(DotyposProvider.CLOUD_ID)).isEqualTo("351234567");
    }

    @Test
    void plusInTheCallbackIsALiteralPlus() {
        ConsentResult result = DotyposConsent.parseCallback(
                URI.create("http://127.0.0.1:8765/callback?token=ab+cd&cloudid=1&state=s1"), "s1");

        assertThat(result.secrets().get(DotyposProvider.REFRESH_TOKEN_KEY).reveal()).isEqualTo("ab+cd");
    }

    @Test
    void callbackWithAnotherStateIsRefusedAsPossibleForgery() {
        ConsentCallbackException refused = catchThrowableOfType(ConsentCallbackException.class,
                () -> DotyposConsent.parseCallback(
                        URI.create("/callback?token=attacker-token&cloudid=1&state=other-state"), FIXED_STATE));

        assertThat(refused.reason()).isEqualTo(ConsentCallbackException.Reason.STATE_MISMATCH);
        assertThat(refused.getMessage()).contains("cross-site request forgery", "start the consent again")
                .doesNotContain("attacker-token", "other-state");
    }

    @Test
    void callbackWithStateGivenTwiceIsRefused() {
        ConsentCallbackException refused = catchThrowableOfType(ConsentCallbackException.class,
                () -> DotyposConsent.parseCallback(URI.create(
                        "/callback?token=t&cloudid=1&state=" + FIXED_STATE + "&state=x"), FIXED_STATE));

        assertThat(refused.reason()).isEqualTo(ConsentCallbackException.Reason.STATE_MISMATCH);
    }

    @Test
    void callbackWithoutStateIsRefused() {
        ConsentCallbackException refused = catchThrowableOfType(ConsentCallbackException.class,
                () -> DotyposConsent.parseCallback(URI.create("/callback?token=t&cloudid=1"), FIXED_STATE));

        assertThat(refused.reason()).isEqualTo(ConsentCallbackException.Reason.STATE_MISSING);
    }

    @Test
    void callbackWithoutTokenOrCloudIdIsIncomplete() {
        ConsentCallbackException noToken = catchThrowableOfType(ConsentCallbackException.class,
                () -> DotyposConsent.parseCallback(URI.create("/callback?cloudid=1&state=s"), "s"));
        ConsentCallbackException noCloud = catchThrowableOfType(ConsentCallbackException.class,
                () -> DotyposConsent.parseCallback(URI.create("/callback?token=t&state=s"), "s"));

        assertThat(noToken.reason()).isEqualTo(ConsentCallbackException.Reason.INCOMPLETE);
        assertThat(noToken.getMessage()).contains("no 'token'");
        assertThat(noCloud.reason()).isEqualTo(ConsentCallbackException.Reason.INCOMPLETE);
        assertThat(noCloud.getMessage()).contains("no 'cloudid'");
    }

    @Test
    void callbackTokenThatCannotBeSentInAHeaderIsRefused() {
        ConsentCallbackException refused = catchThrowableOfType(ConsentCallbackException.class,
                () -> DotyposConsent.parseCallback(URI.create("/callback?token=a%0D%0AX-Evil:%201&cloudid=1&state=s"), "s"));

        assertThat(refused.reason()).isEqualTo(ConsentCallbackException.Reason.INCOMPLETE);
    }

    @Test
    void savedResultIsWhatTheProviderSendsToTheVendor() {
        ConsentResult result = DotyposConsent.parseCallback(
                URI.create("/callback?token=consented-refresh-token&cloudid=351234567&state=s"), "s");
        InMemorySecretStore store = new InMemorySecretStore();
        result.saveTo(store);
        String jwt = vendorJwt(Instant.now().plus(Duration.ofHours(1)), "a");
        VENDOR.stubFor(post(urlEqualTo("/v2/signin/token"))
                .withHeader("Authorization", equalTo("User consented-refresh-token"))
                .withRequestBody(equalToJson("{\"_cloudId\":\"351234567\"}"))
                .willReturn(okJson("{\"accessToken\":\"" + jwt + "\"}")));

        assertThat(store.load(DotyposConsent.STORE_KEY)).contains(Secret.of("consented-refresh-token"));
        try (Credentials credentials = Credentials.builder(new DotyposProvider())
                .settings(Map.of("cloud-id", result.settings().get(DotyposProvider.CLOUD_ID), "token-url", VENDOR.baseUrl() + "/v2/signin/token"))
                .secretStore(store)
                .build()) {
            assertThat(credentials.headers()).containsEntry("Authorization", "Bearer " + jwt);
        }
    }

    @Test
    void configuredFromProviderSettings() {
        ConsentRequest request = DotyposConsent.builder(Settings.of(Map.of(
                        "client-id", "app-9", "client-secret", CLIENT_SECRET, "consent-flavour", "v2",
                        "connect-v2-url", "https://sandbox.example.test/client/connect/v2"))
                        .validate(new DotyposProvider()), REDIRECT)
                .clock(clock).build().begin();

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url()).hasToString("https://sandbox.example.test/client/connect/v2");
        assertThat(request.formFields()).containsEntry("client_id", "app-9").containsEntry("signature", SIGNATURE);
    }

    @Test
    void settingsWithoutClientCredentialsCannotStartAConsent() {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> DotyposConsent.builder(Settings.of(Map.of("refresh-token", "rt")).validate(new DotyposProvider()),
                        REDIRECT));

        assertThat(invalid.problems()).hasSize(2);
        assertThat(invalid.getMessage()).contains("'client-id'", "'client-secret'");
    }

    @Test
    void settingsOfAnotherProviderAreRefused() {
        ProviderInfo other = ProviderInfo.builder("Other").documentation("https://other.example.test")
                .setting(Setting.text("client-id", "id")).setting(Setting.secret("client-secret", "secret")).build();
        ProviderSettings settings = SettingValues.providerSettings(other, Map.of("client-id", "a", "client-secret", "b"));

        assertThatThrownBy(() -> DotyposConsent.builder(settings, REDIRECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not of the Dotypos provider");
    }

    @Test
    void redirectUriMustBeHttpsUnlessLoopback() {
        assertThatThrownBy(() -> DotyposConsent.builder("app", Secret.of(CLIENT_SECRET),
                URI.create("http://app.example.com/callback"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }

    @Test
    void nothingPrintsTheClientSecretSignatureOrRefreshToken() {
        DotyposConsent legacy = consent().build();
        DotyposConsent v2 = consent().flavour(DotyposConsent.Flavour.V2).build();
        ConsentResult result = DotyposConsent.parseCallback(
                URI.create("/callback?token=consented-refresh-token&cloudid=42&state=s"), "s");

        String printed = legacy + " " + legacy.begin() + " " + v2 + " " + v2.begin() + " " + result;

        assertThat(printed).doesNotContain(CLIENT_SECRET, SIGNATURE, "consented-refresh-token")
                .contains("app 7", "42", "admin.dotykacka.cz");
    }

    @Test
    void providerRunsTheConsentThroughTheSpiWithoutCallersKnowingDotypos() {
        InteractiveConsent consent = new DotyposProvider();
        ProviderSettings settings = Settings.of(Map.of("client-id", "app-9", "client-secret", CLIENT_SECRET))
                .validate(new DotyposProvider());

        ConsentRequest request = consent.beginConsent(settings, REDIRECT);
        ConsentResult result = consent.completeConsent(request,
                URI.create("/callback?token=consented-refresh-token&cloudid=42&state=" + request.state()));
        InMemorySecretStore store = new InMemorySecretStore();
        result.saveTo(store);

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.url().getRawQuery()).contains("client_id=app-9", "state=" + request.state());
        assertThat(result.settings()).containsExactly(Map.entry("cloud-id", "42"));
        assertThat(result.description()).isEqualTo("Dotypos cloud 42");
        assertThat(result.storeKey(DotyposProvider.REFRESH_TOKEN_KEY)).isEqualTo(DotyposConsent.STORE_KEY);
        assertThat(store.load(DotyposConsent.STORE_KEY)).contains(Secret.of("consented-refresh-token"));
        assertThatThrownBy(() -> consent.completeConsent(request,
                URI.create("/callback?token=attacker&cloudid=42&state=" + request.state() + "x")))
                .isInstanceOf(ConsentCallbackException.class).hasMessageNotContaining("attacker");
    }

    /** A JWT as Dotypos issues them: {@code exp} and a distinguishing {@code jti}, an opaque signature. */
    private static String vendorJwt(Instant exp, String jti) {
        return TestJwt.builder().subject("user-1").id(jti).expiresAt(exp).build();
    }
}
