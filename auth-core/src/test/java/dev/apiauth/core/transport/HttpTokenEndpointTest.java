package dev.apiauth.core.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.UntrustedEndpointException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.PasswordAuthentication;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpTokenEndpointTest {
    private static final String PROVIDER = "acme";
    private static final String SECRET = "p@ss:w+rd/&=% SECRET";
    private static final String TOKEN_JSON = "{\"access_token\":\"at-123\",\"token_type\":\"bearer\",\"expires_in\":60}";

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                    .useChunkedTransferEncoding(ChunkedEncodingPolicy.ALWAYS))
            .build();

    @RegisterExtension
    static final WireMockExtension FIXED_LENGTH_SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                    .useChunkedTransferEncoding(ChunkedEncodingPolicy.NEVER))
            .build();

    @RegisterExtension
    static final WireMockExtension TLS_SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1"))
            .build();

    private final HttpTokenEndpoint endpoint = HttpTokenEndpoint.builder().providerId(PROVIDER)
            .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(2))
            .callTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        endpoint.close();
    }

    private static URI uri(String path) {
        return URI.create(SERVER.baseUrl() + path);
    }

    @Test
    void postsAFormBodyEncodedWithItsContentType() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TOKEN_JSON)));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "read write");
        form.put("client_secret", SECRET);
        form.put("name", "café\\x");

        EndpointResponse response = endpoint.send(EndpointRequest.post(uri("/token")).form(form).build());

        assertThat(response.status()).isEqualTo(200);
        SERVER.verify(postRequestedFor(urlEqualTo("/token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=read+write"
                        + "&client_secret=p%40ss%3Aw%2Brd%2F%26%3D%25+SECRET&name=caf%C3%A9%5Cx")));
    }

    @Test
    void postsAJsonBody() {
        SERVER.stubFor(post("/login").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", "jane");
        fields.put("password", SECRET);
        fields.put("remember", true);

        endpoint.send(EndpointRequest.post(uri("/login")).json(fields).build());

        SERVER.verify(postRequestedFor(urlEqualTo("/login"))
                .withHeader("Content-Type", matching("application/json(; ?charset=UTF-8)?"))
                .withRequestBody(equalToJson("{\"username\":\"jane\",\"password\":\"" + SECRET.replace("\\", "\\\\")
                        + "\",\"remember\":true}")));
    }

    @Test
    void sendsAGetWithTheQueryAndNoBody() {
        SERVER.stubFor(get(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));

        endpoint.send(EndpointRequest.get(uri("/oauth/token")).query("grant_type", "client_credentials")
                .query("scope", "data user").build());

        SERVER.verify(getRequestedFor(urlEqualTo("/oauth/token?grant_type=client_credentials&scope=data%20user"))
                .withHeader("Content-Type", absent())
                .withHeader("Content-Length", absent()));
        assertThat(SERVER.getAllServeEvents()).singleElement()
                .satisfies(event -> assertThat(event.getRequest().getBody()).isEmpty());
    }

    @Test
    void sendsTheRequestHeadersAndAnApiauthUserAgent() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));

        endpoint.send(EndpointRequest.post(uri("/token")).header("Authorization", "Basic abc")
                .header("x-api-key", "key-1").header("Accept", "application/json").form(Map.of("a", "b")).build());

        SERVER.verify(postRequestedFor(urlEqualTo("/token"))
                .withHeader("Authorization", equalTo("Basic abc"))
                .withHeader("x-api-key", equalTo("key-1"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", equalTo(HttpTokenEndpoint.USER_AGENT)));
        assertThat(HttpTokenEndpoint.USER_AGENT).startsWith("apiauth/").matches("apiauth/\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void sendsAnyMediaTypeAsAcceptWhenTheRequestNamesNone() {
        // Left alone, the JDK's connection would send its own browser-style list ("text/html, image/gif, ...").
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));

        endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of("a", "b")).build());

        SERVER.verify(postRequestedFor(urlEqualTo("/token")).withHeader("Accept", equalTo("*/*")));
    }

    @Test
    void answersNoAuthenticationChallengeEvenWithAJvmWideAuthenticator() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"tokens\"")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        List<String> asked = new CopyOnWriteArrayList<>();
        Authenticator previous = Authenticator.getDefault();
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                asked.add(getRequestingHost());
                return new PasswordAuthentication("jvm-user", SECRET.toCharArray());
            }
        });
        try {
            EndpointResponse response = endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of()).build());

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.jsonObject()).contains(Map.of("error", "invalid_client"));
        } finally {
            Authenticator.setDefault(previous);
        }
        assertThat(asked).as("hosts the JVM's Authenticator was asked about").isEmpty();
        SERVER.verify(1, postRequestedFor(urlEqualTo("/token")).withHeader("Authorization", absent()));
    }

    @Test
    void neverHandsCredentialsToTheJdkConnectionWhileItsLoggerPrintsHeaders() {
        // At FINE the JDK's connection logs every request header; the endpoint then sends with HttpClient 5.
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level previous = root.getLevel();
        List<String> records = new CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record.getLoggerName() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(java.util.logging.Level.ALL);
        root.addHandler(capture);
        root.setLevel(java.util.logging.Level.FINE);
        try {
            assertThat(endpoint.send(EndpointRequest.post(uri("/token")).header("Authorization", "Basic " + SECRET)
                    .form(Map.of()).build()).status()).isEqualTo(200);
        } finally {
            root.setLevel(previous);
            root.removeHandler(capture);
        }

        SERVER.verify(1, postRequestedFor(urlEqualTo("/token")).withHeader("Authorization", equalTo("Basic " + SECRET)));
        assertThat(records).as("java.util.logging records at FINE").noneMatch(record -> record.contains(SECRET));
    }

    @Test
    void aDirectRequestLoadsNoHttpClientClass() throws Exception {
        // A fresh JVM: no HttpClient 5 class, not even an interface, on the path a token request with no proxy takes.
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                DirectRequestMain.class.getName(), uri("/token").toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("status 200").contains("dev.apiauth.core.transport.HttpTokenEndpoint ")
                .doesNotContain("org.apache.hc.");
    }

    /** Sends one direct token request with a fresh endpoint; run by {@link #aDirectRequestLoadsNoHttpClientClass}. */
    static final class DirectRequestMain {
        public static void main(String[] args) {
            try (HttpTokenEndpoint endpoint = HttpTokenEndpoint.builder().providerId(PROVIDER).build()) {
                System.out.println("status " + endpoint.send(EndpointRequest.post(URI.create(args[0]))
                        .form(Map.of("grant_type", "client_credentials")).build()).status());
            }
        }
    }

    @Test
    void sendsACustomUserAgent() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        try (HttpTokenEndpoint custom = HttpTokenEndpoint.builder().userAgent("my-app/1.0 apiauth").build()) {
            custom.send(EndpointRequest.post(uri("/token")).form(Map.of()).build());
        }

        SERVER.verify(postRequestedFor(urlEqualTo("/token")).withHeader("User-Agent", equalTo("my-app/1.0 apiauth")));
    }

    @Test
    void returnsStatusHeadersBodyAndParsedJson() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Request-Id", "r-1")
                .withBody(TOKEN_JSON)));

        EndpointResponse response = endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of()).build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-request-id")).contains("r-1");
        assertThat(response.mediaType()).contains("application/json");
        assertThat(response.body()).isEqualTo(TOKEN_JSON);
        assertThat(response.jsonObject()).hasValueSatisfying(json -> assertThat(json)
                .containsEntry("access_token", "at-123").containsEntry("expires_in", 60));
    }

    @Test
    void returnsAnErrorStatusAsAResponse() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));

        EndpointResponse response = endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of()).build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.jsonObject()).contains(Map.of("error", "invalid_client"));
    }

    @Test
    void givesNoJsonForABodyThatIsNotJson() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Login</body></html>")));

        EndpointResponse response = endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of()).build());

        assertThat(response.json()).isEmpty();
        assertThat(response.body()).isEqualTo("<html><body>Login</body></html>");
    }

    @Test
    void givesNoJsonForAnEmptyBody() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(204)));

        EndpointResponse response = endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of()).build());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.json()).isEmpty();
    }

    @Test
    void decodesTheBodyWithTheDeclaredCharset() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=ISO-8859-1")
                .withBody("{\"customer\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1))));

        EndpointResponse response = endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of()).build());

        assertThat(response.jsonObject()).contains(Map.of("customer", "café"));
    }

    @Test
    void returnsARedirectWithoutFollowingIt() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(302)
                .withHeader("Location", SERVER.baseUrl() + "/elsewhere")));
        SERVER.stubFor(post("/elsewhere").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        SERVER.stubFor(get("/elsewhere").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));

        EndpointResponse response = endpoint.send(EndpointRequest.post(uri("/token"))
                .header("Authorization", "Basic abc").form(Map.of("client_secret", SECRET)).build());

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).contains(SERVER.baseUrl() + "/elsewhere");
        SERVER.verify(0, anyRequestedFor(urlPathEqualTo("/elsewhere")));
        SERVER.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void refusesPlainHttpToANonLoopbackHostBeforeAnyIo() {
        AuthException e = catchThrowableOfType(AuthException.class, () -> endpoint.send(
                EndpointRequest.post(URI.create("http://example.com/token?client_secret=abc")).form(Map.of()).build()));

        assertThat(e).isExactlyInstanceOf(AuthException.class);
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(PROVIDER + ": refusing to send credentials to http://example.com/token: token "
                + "endpoints must use https (plain http is allowed only for loopback hosts)");
    }

    @Test
    void refusesOtherSchemesAndRelativeUris() {
        for (String refused : List.of("ftp://127.0.0.1/token", "file:///etc/passwd", "/token")) {
            assertThatThrownBy(() -> endpoint.send(EndpointRequest.get(URI.create(refused)).build()))
                    .as(refused).isExactlyInstanceOf(AuthException.class).hasMessageContaining("must use https");
        }
    }

    @Test
    void allowsPlainHttpToEveryLoopbackSpelling() {
        SERVER.stubFor(get("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        int port = SERVER.getPort();

        for (String host : List.of("localhost", "127.0.0.1")) {
            EndpointResponse response = endpoint.send(
                    EndpointRequest.get(URI.create("http://" + host + ":" + port + "/token")).build());
            assertThat(response.status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void neverPutsUserInfoOrQueryIntoMessages() {
        AuthException e = catchThrowableOfType(AuthException.class, () -> endpoint.send(EndpointRequest.get(
                URI.create("http://client:" + "pw-SECRET" + "@example.com/token?key=key-SECRET")).build()));

        assertThat(e).hasMessageContaining("http://example.com/token").hasMessageNotContaining("SECRET");
    }

    @Test
    void mapsAnOversizedResponseWithContentLengthToMalformed() {
        String big = "{\"access_token\":\"" + "x".repeat(4096) + "\"}";
        FIXED_LENGTH_SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(big)));
        FIXED_LENGTH_SERVER.stubFor(post("/small").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        try (HttpTokenEndpoint capped = HttpTokenEndpoint.builder().providerId(PROVIDER).maxResponseBytes(1024).build()) {
            EndpointResponse small = capped.send(EndpointRequest.post(
                    URI.create(FIXED_LENGTH_SERVER.baseUrl() + "/small")).form(Map.of()).build());
            assertThat(small.header("Content-Length")).as("the server declares lengths").isPresent();

            MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class, () -> capped.send(
                    EndpointRequest.post(URI.create(FIXED_LENGTH_SERVER.baseUrl() + "/token")).form(Map.of()).build()));

            assertThat(e.status()).isEqualTo(200);
            assertThat(e).hasMessageContaining("exceeds 1024 bytes").hasMessageNotContaining("xxxx");
        }
    }

    @Test
    void mapsAnOversizedChunkedResponseToMalformed() {
        String big = "{\"access_token\":\"" + "x".repeat(4096) + "\"}";
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(big)));
        SERVER.stubFor(post("/small").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        try (HttpTokenEndpoint capped = HttpTokenEndpoint.builder().providerId(PROVIDER).maxResponseBytes(1024).build()) {
            EndpointResponse small = capped.send(EndpointRequest.post(uri("/small")).form(Map.of()).build());
            assertThat(small.header("Transfer-Encoding")).as("the server streams chunks").contains("chunked");
            assertThat(small.header("Content-Length")).isEmpty();

            MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
                    () -> capped.send(EndpointRequest.post(uri("/token")).form(Map.of()).build()));

            assertThat(e.status()).isEqualTo(200);
            assertThat(e).hasMessageContaining("exceeds 1024 bytes").hasMessageNotContaining("xxxx");
        }
    }

    @Test
    void acceptsAResponseExactlyAtTheCap() {
        String body = "{\"access_token\":\"" + "x".repeat(1024 - 19) + "\"}";
        assertThat(body).hasSize(1024);
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(body)));
        try (HttpTokenEndpoint capped = HttpTokenEndpoint.builder().maxResponseBytes(1024).build()) {
            assertThat(capped.send(EndpointRequest.post(uri("/token")).form(Map.of()).build()).body()).isEqualTo(body);
        }
    }

    @Test
    void mapsARefusedConnectionToTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        TransientAuthException e = catchThrowableOfType(TransientAuthException.class, () -> endpoint.send(
                EndpointRequest.post(URI.create("http://127.0.0.1:" + closedPort + "/token?key=SECRET"))
                        .form(Map.of()).build()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isEmpty();
        assertThat(e).hasMessageStartingWith(PROVIDER + ": could not reach the token endpoint http://127.0.0.1:"
                + closedPort + "/token").hasMessageNotContaining("SECRET");
    }

    @Test
    void mapsASlowResponseToTransientWithinTheResponseTimeout() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)
                .withFixedDelay(2000)));
        try (HttpTokenEndpoint quick = HttpTokenEndpoint.builder().providerId(PROVIDER)
                .responseTimeout(Duration.ofMillis(300)).build()) {
            long start = System.nanoTime();

            TransientAuthException e = catchThrowableOfType(TransientAuthException.class,
                    () -> quick.send(EndpointRequest.post(uri("/token")).form(Map.of()).build()));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
            assertThat(e).hasMessageContaining("timed out").hasMessageContaining("raise the timeouts");
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void mapsAResponseDrippingPastTheCallTimeoutToTransient() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)
                .withChunkedDribbleDelay(20, 4000)));
        try (HttpTokenEndpoint bounded = HttpTokenEndpoint.builder().providerId(PROVIDER)
                .responseTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofMillis(400)).build()) {
            long start = System.nanoTime();

            TransientAuthException e = catchThrowableOfType(TransientAuthException.class,
                    () -> bounded.send(EndpointRequest.post(uri("/token")).form(Map.of()).build()));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
            assertThat(e).hasMessageContaining("did not answer within 400 ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void mapsEveryBrokenConnectionToTransient(Fault fault) {
        SERVER.stubFor(post("/token").willReturn(aResponse().withFault(fault)));

        Throwable thrown = catchThrowable(() -> endpoint.send(EndpointRequest.post(uri("/token"))
                .form(Map.of("client_secret", SECRET)).build()));

        assertThat(thrown).isInstanceOf(TransientAuthException.class);
        assertThat(((TransientAuthException) thrown).status()).isEmpty();
        assertThat(thrown.getMessage()).startsWith(PROVIDER + ": could not reach the token endpoint " + uri("/token"))
                .doesNotContain(SECRET);
    }

    @Test
    void neverQuotesBytesOfAGarbledAnswer() {
        // WireMock's malformed chunk is this text where a chunk size belongs.
        SERVER.stubFor(post("/token").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        TransientAuthException e = catchThrowableOfType(TransientAuthException.class,
                () -> endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of()).build()));

        assertThat(e).hasMessageStartingWith(PROVIDER + ": could not reach the token endpoint " + uri("/token"))
                .hasMessageContaining(e.getCause().getClass().getSimpleName()).hasMessageNotContaining("lskdu");
    }

    @Test
    void keepsTheReasonOfAConnectionFailure() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TransientAuthException e = catchThrowableOfType(TransientAuthException.class,
                () -> endpoint.send(EndpointRequest.post(uri("/token")).form(Map.of()).build()));

        assertThat(e).hasMessageMatching(".*\\(SocketException: .+\\)");
    }

    @Test
    void refusesAnUntrustedCertificateAsATlsFailure() {
        TLS_SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));

        UntrustedEndpointException e = catchThrowableOfType(UntrustedEndpointException.class, () -> endpoint.send(
                EndpointRequest.post(URI.create(TLS_SERVER.getRuntimeInfo().getHttpsBaseUrl() + "/token"))
                        .form(Map.of()).build()));

        assertThat(e).hasMessageContaining("TLS certificate of the token endpoint").hasMessageContaining("sslContext");
        TLS_SERVER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void usesTheCustomSslContextAndStillVerifiesTheHostName() throws Exception {
        TLS_SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        List<String> consulted = new CopyOnWriteArrayList<>();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new RecordingTrustManager(consulted)}, null);

        try (HttpTokenEndpoint custom = HttpTokenEndpoint.builder().providerId(PROVIDER).sslContext(context).build()) {
            // WireMock's certificate is issued to "Tom Akehurst", not to localhost: trusting it is not enough.
            assertThatThrownBy(() -> custom.send(EndpointRequest.post(
                    URI.create(TLS_SERVER.getRuntimeInfo().getHttpsBaseUrl() + "/token")).form(Map.of()).build()))
                    .isInstanceOf(UntrustedEndpointException.class).hasMessageContaining("TLS");
        }

        assertThat(consulted).as("certificates the custom trust manager was asked about")
                .anySatisfy(subject -> assertThat(subject).contains("CN=Tom Akehurst"));
        TLS_SERVER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aClosedEndpointRefusesToSendWithATypedErrorWhetherOrNotItEverSent() {
        SERVER.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody(TOKEN_JSON)));
        HttpTokenEndpoint used = HttpTokenEndpoint.builder().providerId(PROVIDER).build();
        used.send(EndpointRequest.post(uri("/token")).form(Map.of()).build());
        HttpTokenEndpoint unused = HttpTokenEndpoint.builder().providerId(PROVIDER).build();

        for (HttpTokenEndpoint closed : List.of(used, unused)) {
            closed.close();
            closed.close(); // twice is harmless
            assertThatThrownBy(() -> closed.send(EndpointRequest.post(uri("/token")).form(Map.of()).build()))
                    .isInstanceOf(AuthException.class).isNotInstanceOf(TransientAuthException.class)
                    .hasMessageContaining("transport was closed").hasMessageContaining("build a new Credentials");
        }
        SERVER.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    /** Trusts every server certificate and records whom it was shown. */
    private static final class RecordingTrustManager implements X509TrustManager {
        private final List<String> consulted;

        RecordingTrustManager(List<String> consulted) {
            this.consulted = consulted;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            consulted.add(chain[0].getSubjectX500Principal().getName());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Test
    void refusesNonPositiveTimeoutsAndATinyCap() {
        HttpTokenEndpoint.Builder builder = HttpTokenEndpoint.builder();

        assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connect timeout");
        assertThatThrownBy(() -> builder.responseTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("response timeout");
        assertThatThrownBy(() -> builder.callTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("call timeout");
        assertThatThrownBy(() -> builder.maxResponseBytes(1023)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.sslContext(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void printsItsLimits() {
        assertThat(endpoint.toString()).isEqualTo("HttpTokenEndpoint[acme, callTimeout=PT5S, maxResponseBytes=1048576]");
    }
}
