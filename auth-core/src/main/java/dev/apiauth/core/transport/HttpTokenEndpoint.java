package dev.apiauth.core.transport;

import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.core.internal.SharedExecutor;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.FormEncoding;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.internal.Loopback;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.TokenEndpoint;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.UntrustedEndpointException;
import dev.apiauth.spi.http.Urls;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The engine's {@link TokenEndpoint} on Apache HttpClient 5: connect, response and whole-call
 * timeouts, a cap on the response size, redirects never followed, automatic retries off (the
 * engine retries), {@code https} required except for loopback hosts, an optional custom
 * {@link SSLContext}, and a {@code User-Agent} naming apiauth and its version. Requests take the
 * JVM's proxy ({@code https.proxyHost}, {@code http.proxyHost}, {@code http.nonProxyHosts}) unless
 * {@link Builder#proxy} names one. A certificate the
 * TLS layer refuses (untrusted, expired, not for the host) is an
 * {@link dev.apiauth.spi.UntrustedEndpointException}, which the engine does not retry; other TLS
 * failures are transient.
 *
 * <p>Nothing heavy happens before the first request: the HttpClient (connection pool, request
 * pipeline) is created by the first {@link #send}, and the TLS set-up (an {@link SSLContext} and
 * its trust store) by the first {@code https} connection, so building an account that has not
 * asked for a token yet costs neither, and a loopback {@code http} endpoint never pays for TLS. A
 * request that no proxy carries runs on HttpClient's minimal client, which skips the execution
 * chain a direct token request does not use; the full client is created only for a proxied one.
 */
@Api(status = Api.Status.STABLE)
public final class HttpTokenEndpoint implements TokenEndpoint, Closeable {
    /** {@code apiauth/<version>}. */
    public static final String USER_AGENT = "apiauth/" + version();

    private static final TimeValue KEEP_ALIVE = TimeValue.ofMinutes(3);

    private static final ContentType FORM_UTF_8 =
            ContentType.create("application/x-www-form-urlencoded", StandardCharsets.UTF_8);

    private final String providerId;
    private final Json json;
    private final Duration callTimeout;
    private final int maxResponseBytes;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final SSLContext sslContext;
    private final String userAgent;
    /** Cancels a call past its call timeout, on the engine's shared timer thread. */
    private final SharedExecutor.Lease<ScheduledExecutorService> deadlines = SharedExecutor.TIMER.acquire();
    private final Object clientLock = new Object();
    /** The connection pool both clients share, created by the first request. */
    private volatile PoolingHttpClientConnectionManager connections;
    private volatile RequestConfig requestConfig;
    /** For a request that goes straight to the token endpoint: no proxy to plan for or to authenticate to. */
    private volatile CloseableHttpClient direct;
    /** For a request through a proxy: route planning, {@code CONNECT} tunnels, proxy authentication. */
    private volatile CloseableHttpClient routed;
    private volatile boolean closed;
    private final ProxyRoute proxy;

    private HttpTokenEndpoint(Builder builder) {
        this.providerId = builder.providerId;
        this.proxy = builder.proxy;
        this.json = builder.json;
        this.callTimeout = builder.callTimeout;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.connectTimeout = builder.connectTimeout;
        this.responseTimeout = builder.responseTimeout;
        this.sslContext = builder.sslContext;
        this.userAgent = builder.userAgent;
    }

    /**
     * The client for {@code uri}, created by the first request that needs it (see the class comment).
     * HttpClient's minimal client runs a request without its execution chain (route planning, proxy
     * tunnels and authentication, redirects, retries, cookies), none of which a direct token request
     * uses; starting it costs about half as much as the full client.
     */
    private CloseableHttpClient client(URI uri) {
        boolean viaProxy = proxy.proxies(uri);
        CloseableHttpClient existing = viaProxy ? routed : direct;
        if (existing != null) {
            return existing;
        }
        synchronized (clientLock) {
            if (closed) {
                throw new IllegalStateException("the token endpoint transport is closed");
            }
            if (connections == null) {
                requestConfig = RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build();
                connections = PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout))
                                // The minimal client keeps a connection for as long as the server does; the
                                // full one for 3 minutes when the server does not say. Both: at most 3 minutes.
                                .setTimeToLive(KEEP_ALIVE)
                                .build())
                        .setTlsSocketStrategy(new LazyTlsStrategy(sslContext))
                        .build();
            }
            if (viaProxy) {
                if (routed == null) {
                    routed = routedClient();
                }
                return routed;
            }
            if (direct == null) {
                direct = HttpClients.createMinimal(connections);
            }
            return direct;
        }
    }

    private CloseableHttpClient routedClient() {
        return proxy.configure(HttpClients.custom(), providerId)
                .setConnectionManager(connections)
                .setConnectionManagerShared(true) // closed by close(), with the direct client's
                .setDefaultRequestConfig(requestConfig)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                // Token answers are a few hundred bytes: no Accept-Encoding, and no codec registry to load.
                .disableContentCompression()
                .setUserAgent(userAgent)
                .build();
    }

    /**
     * Builds the TLS strategy (HttpClient's default, or one over the configured {@link SSLContext})
     * on the first {@code https} connection instead of with the client.
     */
    private static final class LazyTlsStrategy implements TlsSocketStrategy {
        private final SSLContext sslContext;
        private volatile TlsSocketStrategy delegate;

        LazyTlsStrategy(SSLContext sslContext) {
            this.sslContext = sslContext;
        }

        @Override
        public javax.net.ssl.SSLSocket upgrade(java.net.Socket socket, String target, int port, Object attachment,
                org.apache.hc.core5.http.protocol.HttpContext context) throws IOException {
            TlsSocketStrategy strategy = delegate;
            if (strategy == null) {
                synchronized (this) {
                    if (delegate == null) {
                        delegate = sslContext == null ? DefaultClientTlsStrategy.createDefault()
                                : ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildClassic();
                    }
                    strategy = delegate;
                }
            }
            return strategy.upgrade(socket, target, port, attachment, context);
        }
    }

    /** {@return a builder with the defaults: 5 s connect, 10 s response and 30 s call timeouts, 1 MiB responses} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public EndpointResponse send(EndpointRequest request) {
        URI uri = request.uri();
        requireSecureTransport(uri);
        HttpUriRequestBase http = request.method() == EndpointRequest.Method.GET ? new HttpGet(uri) : new HttpPost(uri);
        request.headers().forEach(http::addHeader);
        request.body().ifPresent(body -> http.setEntity(entity(body)));
        if (!http.containsHeader(HttpHeaders.USER_AGENT)) {
            http.addHeader(HttpHeaders.USER_AGENT, userAgent);
        }
        ScheduledFuture<?> deadline;
        CloseableHttpClient httpClient;
        try {
            httpClient = client(uri);
            // Per request: the minimal client has no defaults of its own (and no redirects to follow either).
            http.setConfig(requestConfig);
            deadline = deadlines.executor().schedule(http::cancel, callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalStateException | RejectedExecutionException e) {
            throw new AuthException(providerId, "the token endpoint transport was closed (the Credentials using it"
                    + " were closed); build a new Credentials to fetch tokens again");
        }
        try {
            return httpClient.execute(http, this::read);
        } catch (SocketTimeoutException e) {
            throw new TransientAuthException(providerId, "the token endpoint " + Urls.redacted(uri) + " timed out ("
                    + e.getClass().getSimpleName() + "); retry later or raise the timeouts", null, null, e);
        } catch (SSLException e) {
            untrusted(uri, e).ifPresent(refused -> {
                throw refused;
            });
            throw new TransientAuthException(providerId, "TLS with the token endpoint " + Urls.redacted(uri) + " failed ("
                    + e.getClass().getSimpleName() + "); check the URL and the trusted certificates", null, null, e);
        } catch (IOException e) {
            boolean cancelled = http.isCancelled();
            // Only connection-level messages ("Connection refused"): a protocol error's message may quote bytes
            // of the answer ("Bad chunk header: ..."), which may hold a token.
            boolean connectionLevel = e instanceof SocketException || e instanceof UnknownHostException;
            throw new TransientAuthException(providerId, cancelled
                    ? "the token endpoint " + Urls.redacted(uri) + " did not answer within " + callTimeout.toMillis() + " ms"
                    : "could not reach the token endpoint " + Urls.redacted(uri) + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null || !connectionLevel ? "" : ": " + e.getMessage()) + ")",
                    null, null, e);
        } catch (IllegalArgumentException e) {
            throw new AuthException(providerId, "the token URL " + Urls.redacted(uri) + " cannot be used ("
                    + e.getClass().getSimpleName() + "); check the token URL setting", e);
        } catch (IllegalStateException e) {
            // HttpClient reports a request cancelled before it started this way.
            throw new TransientAuthException(providerId, "the token request to " + Urls.redacted(uri)
                    + " was cancelled after " + callTimeout.toMillis() + " ms", null, null, e);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * A refused certificate, when that is what failed: the certificate path did not validate
     * (untrusted, self-signed, expired) or the certificate is not for the host (HttpClient's own
     * verifier reports that as {@link SSLPeerUnverifiedException}, the JDK's as a
     * {@link CertificateException}). Anything else in a handshake is I/O and stays transient.
     */
    private Optional<UntrustedEndpointException> untrusted(URI uri, SSLException e) {
        String subject = null;
        Throwable reason = e instanceof SSLPeerUnverifiedException ? e : null;
        boolean certificatePath = false;
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof CertPathValidatorException || cause instanceof CertPathBuilderException
                    || cause instanceof CertificateException) {
                // CertificateException alone: the JDK's own host-name check, or a certificate it cannot use at all
                reason = reason == null ? cause : reason;
                certificatePath |= !(cause instanceof CertificateException);
            }
            if (cause instanceof CertPathValidatorException invalid && invalid.getCertPath() != null) {
                List<? extends Certificate> path = invalid.getCertPath().getCertificates();
                int index = invalid.getIndex() >= 0 && invalid.getIndex() < path.size() ? invalid.getIndex() : 0;
                if (!path.isEmpty() && path.get(index) instanceof X509Certificate certificate) {
                    subject = certificate.getSubjectX500Principal().getName();
                }
            }
        }
        if (reason == null) {
            return Optional.empty();
        }
        String verdict = e instanceof SSLPeerUnverifiedException ? "is not issued for host '" + uri.getHost() + "'"
                : certificatePath ? "is not trusted" : "was refused";
        String host = uri.getHost();
        String detail = Objects.toString(deepest(reason).getMessage(), deepest(reason).getClass().getSimpleName());
        return Optional.of(new UntrustedEndpointException(providerId, host, subject, "the TLS certificate of the token"
                + " endpoint " + Urls.redacted(uri) + (subject == null ? "" : " (subject " + subject + ")") + " " + verdict
                + ": " + detail + ". This is a configuration problem, not retried: if the certificate is right (a"
                + " corporate or private CA), trust its issuer with an SSLContext"
                + " (Credentials.builder(...).transport(HttpTokenEndpoint.builder().sslContext(context)));"
                + " otherwise check that the token URL names the vendor's host", e));
    }

    private static Throwable deepest(Throwable error) {
        Throwable deepest = error;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest;
    }

    private EndpointResponse read(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        HttpEntity entity = response.getEntity();
        String body = "";
        if (entity != null) {
            if (entity.getContentLength() > maxResponseBytes) {
                throw oversized(response.getCode());
            }
            Charset charset = Optional.ofNullable(ContentType.parseLenient(entity.getContentType()))
                    .map(ContentType::getCharset).orElse(StandardCharsets.UTF_8);
            try (InputStream in = entity.getContent()) {
                body = in == null ? "" : new String(readCapped(in, response.getCode()), charset);
            }
        }
        return new EndpointResponse(response.getCode(), headers, body, parse(body));
    }

    private byte[] readCapped(InputStream in, int status) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > maxResponseBytes) {
                throw oversized(status);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private MalformedResponseException oversized(int status) {
        return new MalformedResponseException(providerId, status, "the token endpoint's answer exceeds "
                + maxResponseBytes + " bytes, far more than a token response; check the token URL setting");
    }

    private Optional<Object> parse(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.parse(body));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private HttpEntity entity(EndpointRequest.Body body) {
        if (body instanceof EndpointRequest.FormBody form) {
            // FormEncoding percent-encodes UTF-8 bytes; HttpClient's APPLICATION_FORM_URLENCODED says ISO-8859-1.
            return new StringEntity(FormEncoding.formEncode(form.parameters()), FORM_UTF_8);
        }
        EndpointRequest.JsonBody jsonBody = (EndpointRequest.JsonBody) body;
        return new StringEntity(json.write(jsonBody.fields()), ContentType.APPLICATION_JSON);
    }

    private void requireSecureTransport(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || (scheme.equals("http") && Loopback.isLoopbackHost(uri.getHost()))) {
            return;
        }
        throw new AuthException(providerId, "refusing to send credentials to " + Urls.redacted(uri)
                + ": token endpoints must use https (plain http is allowed only for loopback hosts)");
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = HttpTokenEndpoint.class.getResourceAsStream("/dev/apiauth/core/apiauth.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException ignored) {
            // the version is informative only
        }
        return properties.getProperty("version", "dev");
    }

    /** Closes the connections and gives back this endpoint's share of the engine's timer thread. */
    @Override
    public void close() {
        PoolingHttpClientConnectionManager created;
        synchronized (clientLock) {
            if (closed) {
                return;
            }
            closed = true;
            created = connections;
            // later sends fail as closed rather than inside HttpClient
            direct = null;
            routed = null;
            connections = null;
        }
        try {
            if (created != null) {
                created.close(org.apache.hc.core5.io.CloseMode.GRACEFUL); // both clients' connections
            }
        } finally {
            deadlines.close();
        }
    }

    @Override
    public String toString() {
        return "HttpTokenEndpoint[" + providerId + ", callTimeout=" + callTimeout + ", maxResponseBytes=" + maxResponseBytes
                + proxy.describeIfSet() + "]";
    }

    /** Builds an {@link HttpTokenEndpoint}. */
    public static final class Builder {
        private String providerId;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(10);
        private Duration callTimeout = Duration.ofSeconds(30);
        private int maxResponseBytes = 1024 * 1024;
        private SSLContext sslContext;
        private String userAgent = USER_AGENT;
        private Json json = JacksonJson.INSTANCE;
        private ProxyRoute proxy = ProxyRoute.jvm();

        private Builder() {
        }

        /**
         * Sets the provider named in error messages; {@link dev.apiauth.core.Credentials} sets it
         * to its provider's id on the builder it is given.
         *
         * @param id the provider's id
         * @return this builder
         */
        public Builder providerId(String id) {
            this.providerId = id;
            return this;
        }

        /**
         * Sets the longest wait for the TCP connection to the token endpoint (or proxy).
         *
         * @param timeout a positive duration; 5 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /**
         * Sets the longest wait for the next bytes of a response.
         *
         * @param timeout a positive duration; 10 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "response timeout");
            return this;
        }

        /**
         * Sets the longest a whole request may take, however slowly the server drips bytes; past it
         * the request fails with a {@link dev.apiauth.spi.TransientAuthException}.
         *
         * @param timeout a positive duration; 30 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "call timeout");
            return this;
        }

        /**
         * Sets the largest token response body accepted; a bigger one fails the request rather than
         * filling memory.
         *
         * @param bytes at least 1024; 1 MiB by default
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is below 1024
         */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024: " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Sets the TLS trust and keys, e.g. a corporate CA or a client certificate; the JVM's
         * defaults otherwise.
         *
         * @param context the TLS context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Replaces the default {@code apiauth/<version>} User-Agent.
         *
         * @param value the User-Agent header value
         * @return this builder
         */
        public Builder userAgent(String value) {
            this.userAgent = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Sends every token request through the HTTP proxy at {@code host:port} (https ones through a
         * {@code CONNECT} tunnel, so TLS stays end to end), loopback URLs included, instead of
         * following the JVM's proxy properties.
         *
         * @param host the proxy's host name or IP address
         * @param port the proxy's port, 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException if {@code host} is blank or looks like a URL, or {@code port}
         *     is out of range
         */
        public Builder proxy(String host, int port) {
            this.proxy = ProxyRoute.explicit(host, port);
            return this;
        }

        /**
         * Answers the {@link #proxy proxy}'s {@code 407} challenge (Basic, Digest) with these
         * credentials; they are offered to that proxy only and never printed.
         *
         * @param username the proxy user name, not empty
         * @param password the proxy password
         * @return this builder
         * @throws IllegalStateException before {@link #proxy(String, int)}
         * @throws IllegalArgumentException if {@code username} is empty
         */
        public Builder proxyCredentials(String username, Secret password) {
            this.proxy = proxy.withCredentials(username, password);
            return this;
        }

        /**
         * {@return a new transport} It owns an HTTP client: close it when no account uses it any more.
         */
        public HttpTokenEndpoint build() {
            return new HttpTokenEndpoint(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
            return value;
        }
    }
}
