package dev.apiauth.spi.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {
    static final String CLIENT_ID = "my client";
    static final String CLIENT_SECRET = "p@ss:w+rd/&=%";
    static final ClientCredentials CLIENT = new ClientCredentials(CLIENT_ID, Secret.of(CLIENT_SECRET));

    /** base64("my+client:p%40ss%3Aw%2Brd%2F%26%3D%25"), computed outside Java. */
    static final String FORM_ENCODED_BASIC = "Basic bXkrY2xpZW50OnAlNDBzcyUzQXclMkJyZCUyRiUyNiUzRCUyNQ==";
    /** base64("my client:p@ss:w+rd/&=%"), computed outside Java. */
    static final String RAW_BASIC = "Basic bXkgY2xpZW50OnBAc3M6dytyZC8mPSU=";

    @Test
    void formUrlencodesIdAndSecretBeforeBase64AsRfc6749Requires() {
        String header = CLIENT.basicAuthorization(true);

        assertThat(header).isEqualTo(FORM_ENCODED_BASIC);
        assertThat(new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8))
                .isEqualTo("my+client:p%40ss%3Aw%2Brd%2F%26%3D%25");
    }

    @Test
    void sendsIdAndSecretRawWhenTheProviderOptsOut() {
        assertThat(CLIENT.basicAuthorization(false)).isEqualTo(RAW_BASIC);
    }

    @Test
    void encodesUnicodeAsUtf8() {
        ClientCredentials client = new ClientCredentials("klient", Secret.of("héslo"));

        // base64("klient:h%C3%A9slo") and base64 of the UTF-8 bytes of "klient:héslo"
        assertThat(client.basicAuthorization(true)).isEqualTo("Basic a2xpZW50OmglQzMlQTlzbG8=");
        assertThat(client.basicAuthorization(false)).isEqualTo("Basic a2xpZW50OmjDqXNsbw==");
    }

    @Test
    void buildsPlainRfc7617Basic() {
        // The example of RFC 7617 §2.
        assertThat(ClientCredentials.basic("Aladdin", "open sesame")).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void printsTheIdButNotTheSecret() {
        assertThat(CLIENT.toString()).contains(CLIENT_ID, "REDACTED").doesNotContain(CLIENT_SECRET);
    }

    @Test
    void refusesMissingParts() {
        assertThatThrownBy(() -> new ClientCredentials(null, Secret.of("x"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ClientCredentials("id", null)).isInstanceOf(NullPointerException.class);
    }
}
