package dev.apiauth.core.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token requests through a real proxy on loopback ({@link LoopbackProxy}): the JVM's standard proxy
 * properties and the builder's explicit {@code proxy(…)}, https through a {@code CONNECT} tunnel to
 * a host name only the proxy can resolve, plain http forwarded to a loopback URL, and {@code 407}
 * answered with the proxy credentials.
 */
class HttpTokenEndpointProxyTest {
    private static final String PROVIDER = "acme";
    /** A name no resolver knows (RFC 6761 .test): only the proxy, which maps it, can reach it. */
    private static final String FAKE_HOST = "token.example.test";
    private static final String TOKEN_JSON = "{\"access_token\":\"at-123\",\"token_type\":\"bearer\",\"expires_in\":60}";
    private static final String PROXY_USER = "proxy-user";
    private static final String PROXY_PASSWORD = "pr0xy-SECRET-pw";
    private static final List<String> PROXY_PROPERTIES = List.of("http.proxyHost", "http.proxyPort",
            "https.proxyHost", "https.proxyPort", "http.nonProxyHosts");
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Path KEYSTORE = certificateFor(FAKE_HOST);

    @RegisterExtension
    static final WireMockExtension HTTP = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @RegisterExtension
    static final WireMockExtension HTTPS = WireMockExtension.newInstance()
            .options(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                    .keystorePath(KEYSTORE.toString()).keystoreType("PKCS12")
                    .keystorePassword(new String(STORE_PASSWORD)).keyManagerPassword(new String(STORE_PASSWORD)))
            .build();

    private final LoopbackProxy proxy = LoopbackProxy.start();

    @BeforeEach
    void tokenEndpoints() {
        HTTP.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        HTTPS.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        proxy.route(FAKE_HOST + ":443", HTTPS.getHttpsPort());
    }

    @AfterEach
    void restore() throws IOException {
        PROXY_PROPERTIES.forEach(System::clearProperty);
        proxy.close();
    }

    @Test
    void anHttpsTokenUrlTakesTheJvmsHttpsProxyThroughAConnectTunnel() {
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", String.valueOf(proxy.port()));

        try (HttpTokenEndpoint endpoint = endpoint().build()) {
            EndpointResponse response = endpoint.send(tokenRequest("https://" + FAKE_HOST + "/token"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(TOKEN_JSON);
        }
        assertThat(proxy.requestLines()).containsExactly("CONNECT " + FAKE_HOST + ":443 HTTP/1.1");
        // The form went through the tunnel encrypted and arrived whole: TLS was end to end, host name checked.
        HTTPS.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void aPlainHttpLoopbackTokenUrlTakesTheJvmsHttpProxyOnceNonProxyHostsNoLongerExemptsLoopback() {
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
        // The JDK exempts localhost|127.*|[::1] unless http.nonProxyHosts is set, and an empty value lifts that.
        System.setProperty("http.nonProxyHosts", "");
        String url = HTTP.baseUrl() + "/token";

        try (HttpTokenEndpoint endpoint = endpoint().build()) {
            assertThat(endpoint.send(tokenRequest(url)).status()).isEqualTo(200);
        }
        assertThat(proxy.requestLines()).containsExactly("POST " + url + " HTTP/1.1");
        HTTP.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void aLoopbackTokenUrlBypassesTheJvmsProxyByDefault() {
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.port()));

        try (HttpTokenEndpoint endpoint = endpoint().build()) {
            assertThat(endpoint.send(tokenRequest(HTTP.baseUrl() + "/token")).status()).isEqualTo(200);
        }
        assertThat(proxy.requestLines()).isEmpty();
    }

    @Test
    void noProxyPropertyMeansADirectConnection() {
        try (HttpTokenEndpoint endpoint = endpoint().build()) {
            assertThat(endpoint.send(tokenRequest(HTTP.baseUrl() + "/token")).status()).isEqualTo(200);
        }
        assertThat(proxy.requestLines()).isEmpty();
        HTTP.verify(postRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void oneEndpointFollowsTheJvmsProxyChoiceRequestByRequest() {
        // Direct requests and proxied ones run on different HttpClients; the choice is made for every request.
        String url = HTTP.baseUrl() + "/token";
        try (HttpTokenEndpoint endpoint = endpoint().build()) {
            assertThat(endpoint.send(tokenRequest(url)).status()).isEqualTo(200);
            assertThat(proxy.requestLines()).isEmpty();

            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
            System.setProperty("http.nonProxyHosts", "");
            assertThat(endpoint.send(tokenRequest(url)).status()).isEqualTo(200);
            assertThat(proxy.requestLines()).containsExactly("POST " + url + " HTTP/1.1");

            System.clearProperty("http.proxyHost");
            EndpointResponse direct = endpoint.send(tokenRequest(url));
            assertThat(direct.status()).isEqualTo(200);
            assertThat(direct.body()).isEqualTo(TOKEN_JSON);
            assertThat(proxy.requestLines()).hasSize(1);
        }
        HTTP.verify(3, postRequestedFor(urlPathEqualTo("/token")).withRequestBody(equalTo("grant_type=client_credentials"))
                .withHeader("User-Agent", equalTo(HttpTokenEndpoint.USER_AGENT)));
    }

    @Test
    void anExplicitProxyWinsOverTheJvmsAndCarriesLoopbackUrlsToo() throws IOException {
        try (LoopbackProxy jvmProxy = LoopbackProxy.start()) {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", String.valueOf(jvmProxy.port()));
            System.setProperty("http.nonProxyHosts", "");
            String url = HTTP.baseUrl() + "/token";

            try (HttpTokenEndpoint endpoint = endpoint().proxy("127.0.0.1", proxy.port()).build()) {
                assertThat(endpoint.send(tokenRequest(url)).status()).isEqualTo(200);
                assertThat(endpoint.send(tokenRequest("https://" + FAKE_HOST + "/token")).status()).isEqualTo(200);
            }
            assertThat(proxy.requestLines()).containsExactly("POST " + url + " HTTP/1.1",
                    "CONNECT " + FAKE_HOST + ":443 HTTP/1.1");
            assertThat(jvmProxy.requestLines()).isEmpty();
        }
    }

    @Test
    void proxyCredentialsAnswerTheTunnels407() {
        proxy.requireBasic(PROXY_USER, PROXY_PASSWORD);

        try (HttpTokenEndpoint endpoint = endpoint().proxy("127.0.0.1", proxy.port())
                .proxyCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD)).build()) {
            assertThat(endpoint.send(tokenRequest("https://" + FAKE_HOST + "/token")).status()).isEqualTo(200);
        }
        assertThat(proxy.seen()).extracting(LoopbackProxy.Seen::requestLine)
                .containsExactly("CONNECT " + FAKE_HOST + ":443 HTTP/1.1", "CONNECT " + FAKE_HOST + ":443 HTTP/1.1");
        assertThat(proxy.seen().get(0).proxyAuthorization()).as("first, unauthenticated attempt").isNull();
        assertThat(proxy.seen().get(1).proxyAuthorization()).startsWith("Basic ");
        HTTPS.verify(1, postRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void proxyCredentialsAnswerAForwardingProxys407AndTheFormIsSentAgain() {
        proxy.requireBasic(PROXY_USER, PROXY_PASSWORD);
        String url = HTTP.baseUrl() + "/token";

        try (HttpTokenEndpoint endpoint = endpoint().proxy("127.0.0.1", proxy.port())
                .proxyCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD)).build()) {
            EndpointResponse response = endpoint.send(tokenRequest(url));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(TOKEN_JSON);
        }
        assertThat(proxy.seen()).extracting(LoopbackProxy.Seen::proxyAuthorization)
                .satisfiesExactly(first -> assertThat(first).isNull(), second -> assertThat(second).startsWith("Basic "));
        HTTP.verify(1, postRequestedFor(urlPathEqualTo("/token")).withRequestBody(equalTo("grant_type=client_credentials"))
                .withoutHeader("Proxy-Authorization"));
    }

    @Test
    void a407WithoutCredentialsIsAClearErrorThatIsNotRetried() {
        proxy.requireBasic(PROXY_USER, PROXY_PASSWORD);

        for (String url : List.of("https://" + FAKE_HOST + "/token", HTTP.baseUrl() + "/token")) {
            try (HttpTokenEndpoint endpoint = endpoint().proxy("127.0.0.1", proxy.port()).build()) {
                Throwable thrown = catchThrowable(() -> endpoint.send(tokenRequest(url)));

                assertThat(thrown).as(url).isExactlyInstanceOf(AuthException.class)
                        .hasMessageContaining("the proxy 127.0.0.1:" + proxy.port() + " demands authentication (407)")
                        .hasMessageContaining("proxyCredentials(username, password)");
                assertThat(((AuthException) thrown).retryable()).isFalse();
            }
        }
        HTTP.verify(0, anyRequestedFor(anyUrl()));
        HTTPS.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusedProxyCredentialsNameTheUserButNeverThePassword() {
        proxy.requireBasic(PROXY_USER, "another password");

        try (HttpTokenEndpoint endpoint = endpoint().proxy("127.0.0.1", proxy.port())
                .proxyCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD)).build()) {
            assertThatThrownBy(() -> endpoint.send(tokenRequest("https://" + FAKE_HOST + "/token")))
                    .isExactlyInstanceOf(AuthException.class)
                    .hasMessageContaining("refused user '" + PROXY_USER + "'")
                    .hasMessageNotContaining(PROXY_PASSWORD);
        }
    }

    @Test
    void aRefusedTunnelIsTheProxysAnswerNotTheTokenEndpoints() {
        // No route for this host: the proxy answers CONNECT with 403, which must not read as "credentials rejected".
        try (HttpTokenEndpoint endpoint = endpoint().proxy("127.0.0.1", proxy.port()).build()) {
            assertThatThrownBy(() -> endpoint.send(tokenRequest("https://elsewhere.example.test/token")))
                    .isExactlyInstanceOf(AuthException.class)
                    .hasMessageContaining("the proxy 127.0.0.1:" + proxy.port()
                            + " refused the tunnel to elsewhere.example.test:443 (403)");
        }
    }

    @Test
    void theEndpointDescribesItsProxyWithThePasswordRedacted() {
        try (HttpTokenEndpoint jvm = endpoint().build();
                HttpTokenEndpoint explicit = endpoint().proxy("proxy.example.com", 3128)
                        .proxyCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD)).build()) {
            assertThat(jvm.toString()).doesNotContain("proxy");
            assertThat(explicit.toString()).contains("proxy=proxy.example.com:3128 as 'proxy-user' with password "
                    + "Secret[REDACTED]").doesNotContain(PROXY_PASSWORD);
        }
    }

    @Test
    void refusesAnUnusableProxyWhenBuilt() {
        assertThatThrownBy(() -> HttpTokenEndpoint.builder().proxy(" ", 3128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy host");
        assertThatThrownBy(() -> HttpTokenEndpoint.builder().proxy("http://proxy.example.com", 3128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("like proxy.example.com");
        assertThatThrownBy(() -> HttpTokenEndpoint.builder().proxy("proxy.example.com", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 65535, got 0");
        assertThatThrownBy(() -> HttpTokenEndpoint.builder().proxyCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("call proxy(host, port) first");
    }

    private static EndpointRequest tokenRequest(String url) {
        return EndpointRequest.post(URI.create(url)).form(Map.of("grant_type", "client_credentials")).build();
    }

    private static HttpTokenEndpoint.Builder endpoint() {
        return HttpTokenEndpoint.builder().providerId(PROVIDER).sslContext(trusting(KEYSTORE))
                .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(5));
    }

    private static SSLContext trusting(Path keystore) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate for {@code host}, made with the JDK's keytool. */
    private static Path certificateFor(String host) {
        try {
            Path file = Files.createTempDirectory("apiauth-proxy-test").resolve("server.p12");
            file.getParent().toFile().deleteOnExit();
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(STORE_PASSWORD),
                    "-keypass", new String(STORE_PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
