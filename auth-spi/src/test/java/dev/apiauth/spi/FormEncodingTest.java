package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormEncodingTest {
    @Test
    void formEncodingTurnsSpacesIntoPlus() {
        assertThat(FormEncoding.formEncode("a b")).isEqualTo("a+b");
        assertThat(FormEncoding.formEncode("a+b")).isEqualTo("a%2Bb");
    }

    @Test
    void percentEncodingTurnsSpacesIntoPercent20() {
        assertThat(FormEncoding.percentEncode("a b")).isEqualTo("a%20b");
        assertThat(FormEncoding.percentEncode("a+b")).isEqualTo("a%2Bb");
    }

    @Test
    void bothEncodeBackslashAndReservedCharacters() {
        assertThat(FormEncoding.formEncode("a\\b")).isEqualTo("a%5Cb");
        assertThat(FormEncoding.percentEncode("a\\b")).isEqualTo("a%5Cb");
        assertThat(FormEncoding.formEncode("p@ss:w/&=%?#")).isEqualTo("p%40ss%3Aw%2F%26%3D%25%3F%23");
        assertThat(FormEncoding.percentEncode("p@ss:w/&=%?#")).isEqualTo("p%40ss%3Aw%2F%26%3D%25%3F%23");
    }

    @Test
    void bothEncodeUnicodeAsUtf8Bytes() {
        assertThat(FormEncoding.formEncode("café €")).isEqualTo("caf%C3%A9+%E2%82%AC");
        assertThat(FormEncoding.percentEncode("café €")).isEqualTo("caf%C3%A9%20%E2%82%AC");
    }

    @Test
    void percentEncodingKeepsOnlyUnreservedCharacters() {
        String unreserved = "AZaz09-._~";
        assertThat(FormEncoding.percentEncode(unreserved)).isEqualTo(unreserved);
        assertThat(FormEncoding.percentEncode("*!'()")).isEqualTo("%2A%21%27%28%29");
    }

    @Test
    void encodesAWholeFormInOrder() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "read write");
        form.put("odd key", "a&b=c");

        assertThat(FormEncoding.formEncode(form))
                .isEqualTo("grant_type=client_credentials&scope=read+write&odd+key=a%26b%3Dc");
        assertThat(FormEncoding.formEncode(Map.of())).isEmpty();
    }
}
