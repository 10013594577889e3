package dev.apiauth.core.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.OAuthTestProvider;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.spi.TokenEndpoint;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.UntrustedEndpointException;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13.3, with real TLS on loopback: a refused certificate (untrusted, or not issued for the
 * host) is a configuration error the engine does not retry; a handshake that fails on I/O stays
 * transient and is retried.
 */
class TlsRefusalTest {
    private static final String TOKEN_JSON = "{\"access_token\":\"at-123\",\"token_type\":\"bearer\",\"expires_in\":60}";

    /** WireMock's bundled certificate: self-signed, issued to "Tom Akehurst", no names of localhost. */
    @RegisterExtension
    static final WireMockExtension TLS_SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1"))
            .build();

    @RegisterExtension
    static final WireMockExtension PLAIN_SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final AtomicInteger sends = new AtomicInteger();

    private Throwable fetchOnce(String tokenUrl, HttpTokenEndpoint.Builder transport) {
        TLS_SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        PLAIN_SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        try (HttpTokenEndpoint endpoint = transport.providerId("oauth-test").callTimeout(Duration.ofSeconds(5)).build()) {
            TokenEndpoint counting = request -> {
                sends.incrementAndGet();
                return endpoint.send(request);
            };
            try (Credentials credentials = Credentials.builder(new OAuthTestProvider())
                    .settings(Map.of("client-id", "client", "client-secret", OAuthTestProvider.CLIENT_SECRET,
                            "token-url", tokenUrl))
                    .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
                    .sleeper(duration -> { })
                    .tokenEndpoint(counting)
                    .build()) {
                return catchThrowableOfType(RuntimeException.class, credentials::token);
            }
        }
    }

    @Test
    void anUntrustedCertificateIsAConfigurationErrorSentOnce() {
        Throwable thrown = fetchOnce(TLS_SERVER.getRuntimeInfo().getHttpsBaseUrl() + "/token", HttpTokenEndpoint.builder());

        assertThat(thrown).isInstanceOf(UntrustedEndpointException.class);
        UntrustedEndpointException refused = (UntrustedEndpointException) thrown;
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.host()).isEqualTo("localhost");
        assertThat(refused).hasMessageStartingWith("oauth-test: ").hasMessageContaining("https://localhost:")
                .hasMessageContaining("is not trusted").hasMessageContaining("certification path")
                .hasMessageContaining("not retried")
                .hasMessageContaining("sslContext").hasMessageNotContaining(OAuthTestProvider.CLIENT_SECRET);
        assertThat(sends).as("token requests: the engine does not retry a refused certificate").hasValue(1);
        TLS_SERVER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTrustedCertificateForAnotherHostIsAConfigurationErrorSentOnce() throws Exception {
        Throwable thrown = fetchOnce(TLS_SERVER.getRuntimeInfo().getHttpsBaseUrl() + "/token",
                HttpTokenEndpoint.builder().sslContext(trustingWireMocksCertificate()));

        assertThat(thrown).isInstanceOf(UntrustedEndpointException.class);
        UntrustedEndpointException refused = (UntrustedEndpointException) thrown;
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.host()).isEqualTo("localhost");
        // HttpClient's verifier names the certificate's subject; the JDK's (which runs first here) names the host.
        assertThat(refused).hasMessageContaining("https://localhost:").hasMessageContaining("name matching localhost")
                .hasMessageContaining("not retried").hasMessageContaining("sslContext");
        assertThat(sends).hasValue(1);
        TLS_SERVER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aHandshakeThatFailsOnIoStaysTransientAndIsRetried() {
        // A plain HTTP server on an https URL: the ClientHello is answered with HTTP, not a certificate.
        Throwable thrown = fetchOnce("https://127.0.0.1:" + PLAIN_SERVER.getPort() + "/token", HttpTokenEndpoint.builder());

        assertThat(thrown).isInstanceOf(TransientAuthException.class);
        assertThat(((TransientAuthException) thrown).retryable()).isTrue();
        assertThat(sends).hasValue(3);
    }

    /** Trusts WireMock's self-signed certificate, which names "Tom Akehurst", not localhost. */
    private static SSLContext trustingWireMocksCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("JKS");
        try (InputStream in = WireMockServer.class.getResourceAsStream("/keystore")) {
            store.load(in, "password".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
