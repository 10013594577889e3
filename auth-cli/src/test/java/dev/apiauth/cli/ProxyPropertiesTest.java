package dev.apiauth.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authctl} takes the JVM's standard proxy properties ({@code java -Dhttp.proxyHost=… -jar
 * authctl.jar …}): its accounts use the engine's default transport, which follows them.
 */
class ProxyPropertiesTest {
    private static final String TOKEN = "03807cb390319329bdf6c777d4dfae9c0d3b3c35";
    private static final List<String> PROXY_PROPERTIES = List.of("http.proxyHost", "http.proxyPort",
            "http.nonProxyHosts");

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    /** A forward proxy: WireMock passes requests for other hosts on when browser proxying is on. */
    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").enableBrowserProxying(true))
            .build();

    @TempDir
    Path home;

    @AfterEach
    void clearProxyProperties() {
        PROXY_PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void tokenGoesThroughTheProxyTheJvmPropertiesName() {
        vendor.stubFor(post(urlPathEqualTo("/oauth/v2/token")).willReturn(okJson("""
                {"access_token": "%s", "expires_in": 3600, "token_type": "bearer"}""".formatted(TOKEN))));
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.getPort()));
        // The JDK never proxies loopback hosts unless http.nonProxyHosts is set; empty lifts the exemption.
        System.setProperty("http.nonProxyHosts", "");
        String tokenUrl = vendor.baseUrl() + "/oauth/v2/token";

        Cli.Result result = Cli.in(home).run("token", "docplanner", "--set", "client-id=10495_3tq6k2",
                "--set", "client-secret=dp-s3cr3t-4f8a-77c1", "--set", "domain=doctoralia.es",
                "--set", "token-url=" + tokenUrl);

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Authorization: Bearer 0380…");
        assertThat(proxy.getAllServeEvents()).as("requests the proxy passed on")
                .extracting(ServeEvent::getRequest).extracting(request -> request.getAbsoluteUrl())
                .containsExactly(tokenUrl);
        vendor.verify(1, postRequestedFor(urlPathEqualTo("/oauth/v2/token")));
    }

    @Test
    void apiRequestGoesThroughTheProxyToo() {
        vendor.stubFor(post(urlPathEqualTo("/oauth/v2/token")).willReturn(okJson("""
                {"access_token": "%s", "expires_in": 3600, "token_type": "bearer"}""".formatted(TOKEN))));
        vendor.stubFor(get(urlPathEqualTo("/api/v3/integration/facilities")).willReturn(okJson("{\"_items\":[]}")));
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.getPort()));
        System.setProperty("http.nonProxyHosts", "");
        String apiUrl = vendor.baseUrl() + "/api/v3/integration/facilities";

        Cli.Result result = Cli.in(home).run("request", "docplanner", apiUrl, "--set", "client-id=10495_3tq6k2",
                "--set", "client-secret=dp-s3cr3t-4f8a-77c1", "--set", "domain=doctoralia.es",
                "--set", "token-url=" + vendor.baseUrl() + "/oauth/v2/token");

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(proxy.getAllServeEvents()).as("requests the proxy passed on")
                .extracting(ServeEvent::getRequest).extracting(request -> request.getAbsoluteUrl())
                .containsExactlyInAnyOrder(vendor.baseUrl() + "/oauth/v2/token", apiUrl);
    }
}
