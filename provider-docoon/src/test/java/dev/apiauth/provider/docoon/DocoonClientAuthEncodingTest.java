package dev.apiauth.provider.docoon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.tck.TestEngine;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13.5: setting {@code client-auth-encoding} on the wire. An id and a secret that
 * form-urlencoding changes, so the two encodings send different {@code Authorization} headers.
 */
class DocoonClientAuthEncodingTest {
    private static final String CLIENT_ID = "client/1+x";
    private static final String CLIENT_ID_FORM_ENCODED = "client%2F1%2Bx";
    private static final String CLIENT_SECRET = "p@ss:w+rd/&=%";
    private static final String CLIENT_SECRET_FORM_ENCODED = "p%40ss%3Aw%2Brd%2F%26%3D%25";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final TestEngine engine = new TestEngine(new DocoonProvider());

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    private static Map<String, String> settings(String encoding) {
        Map<String, String> settings = DocoonFixtures.password(server.baseUrl());
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        if (!encoding.isEmpty()) {
            settings.put("client-auth-encoding", encoding);
        }
        return settings;
    }

    @ParameterizedTest(name = "client-auth-encoding ''{0}''")
    @CsvSource(value = {
            "'', " + CLIENT_ID_FORM_ENCODED + ":" + CLIENT_SECRET_FORM_ENCODED,
            "rfc6749, " + CLIENT_ID_FORM_ENCODED + ":" + CLIENT_SECRET_FORM_ENCODED,
            "raw, " + CLIENT_ID + ":" + CLIENT_SECRET}, quoteCharacter = '\'')
    void sendsBasicCredentialsInTheChosenEncoding(String encoding, String userAndPassword) {
        server.stubFor(any(urlPathMatching(".*/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(DocoonFixtures.success("tok-1", 3600))));

        engine.credentials(settings(encoding)).token();

        assertThat(server.getAllServeEvents()).singleElement()
                .satisfies(event -> assertThat(event.getRequest().getHeader("Authorization")).isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void refusesAnUnknownEncodingNamingTheChoices() {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(settings("utf-8")).validate(new DocoonProvider()));

        assertThat(invalid.problems()).singleElement().asString().contains("client-auth-encoding")
                .contains("rfc6749").contains("raw").doesNotContain(CLIENT_SECRET);
    }

    @Test
    void refusesARawClientIdWithAColon() {
        Map<String, String> settings = settings("raw");
        settings.put("client-id", "client:1");

        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(settings).validate(new DocoonProvider()));

        assertThat(invalid.problems()).singleElement().asString().contains("'client-id' contains ':'")
                .contains("rfc6749").doesNotContain(CLIENT_SECRET);
        settings.put("client-auth-encoding", "rfc6749");
        Settings.of(settings).validate(new DocoonProvider());
    }

    @Test
    void isAPasswordModeSetting() {
        Map<String, String> settings = DocoonFixtures.basic(server.baseUrl());
        settings.put("client-auth-encoding", "raw");

        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(settings).validate(new DocoonProvider()));

        assertThat(invalid.problems()).singleElement().asString()
                .contains("'client-auth-encoding' is not used in mode 'basic' (only in password)");
    }
}
