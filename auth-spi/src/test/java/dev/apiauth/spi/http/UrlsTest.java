package dev.apiauth.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlsTest {
    @Test
    void appendsPercentEncodedParametersInOrderKeepingTheQuery() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("redirect_uri", "http://127.0.0.1:8080/cb?x=1");
        parameters.put("scope", "a b+c");

        assertThat(Urls.withQuery(URI.create("https://vendor.example/connect?lang=en#top"), parameters))
                .hasToString("https://vendor.example/connect?lang=en&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcb"
                        + "%3Fx%3D1&scope=a%20b%2Bc");
        assertThat(Urls.withQuery(URI.create("https://vendor.example/connect"), Map.of("state", "s~1")))
                .hasToString("https://vendor.example/connect?state=s~1");
    }

    @Test
    void returnsTheBaseItselfWithoutParameters() {
        URI base = URI.create("https://vendor.example/connect?lang=en");

        assertThat(Urls.withQuery(base, Map.of())).isSameAs(base);
    }

    @Test
    void removesOneTrailingSlash() {
        assertThat(Urls.withoutTrailingSlash("https://api.example.com/v1/")).isEqualTo("https://api.example.com/v1");
        assertThat(Urls.withoutTrailingSlash("https://api.example.com/v1")).isEqualTo("https://api.example.com/v1");
    }

    @Test
    void redactsUserInfoAndQuery() {
        assertThat(Urls.redacted(URI.create("https://user:pa55@vendor.example:8443/oauth/token?client_secret=s3cr3t")))
                .isEqualTo("https://vendor.example:8443/oauth/token");
        assertThat(Urls.redacted(URI.create("https://vendor.example"))).isEqualTo("https://vendor.example");
    }
}
