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
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.Proxy;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The engine's {@link TokenEndpoint}: connect, response and whole-call timeouts, a cap on the
 * response size, redirects never followed, no automatic retries (the engine retries), {@code https}
 * required except for loopback hosts, an optional custom {@link SSLContext}, and a
 * {@code User-Agent} naming apiauth and its version. Requests take the JVM's proxy
 * ({@code https.proxyHost}, {@code http.proxyHost}, {@code http.nonProxyHosts}) unless
 * {@link Builder#proxy} names one. A certificate the TLS layer refuses (untrusted, expired, not for
 * the host) is an {@link dev.apiauth.spi.UntrustedEndpointException}, which the engine does not
 * retry; other TLS failures are transient.
 *
 * <p>A request that goes straight to the token endpoint runs on the JDK's
 * {@link HttpURLConnection}: its classes are in the JDK's class-data-sharing archive, so the first
 * token of a fresh JVM loads no HTTP client (a CLI or a function that starts often pays for one on
 * every start), and a token request, a few hundred bytes every hour or so, needs nothing a pooling
 * client adds. A request through a proxy runs on Apache HttpClient 5, created by the first such
 * request: route planning, {@code CONNECT} tunnels and Basic or Digest proxy authentication, which
 * the JDK's connection refuses for tunnels by default. HttpClient 5 also carries direct requests
 * while the JDK connection's logger is at DEBUG (java.util.logging {@code FINE}), where the JDK
 * prints every request header, credentials included. Both send the same request and classify
 * failures the same way. The JDK connection answers no authentication challenge and keeps idle
 * connections in the JDK's keep-alive cache (a few seconds, watched by the JDK's own
 * {@code Keep-Alive-Timer} daemon, which ends when the cache is empty); an application-wide
 * {@link java.net.CookieHandler}, if one is installed, sees direct token requests as it sees the
 * application's own.
 */
@Api(status = Api.Status.STABLE)
public final class HttpTokenEndpoint implements TokenEndpoint, Closeable {
    /** {@code apiauth/<version>}. */
    public static final String USER_AGENT = "apiauth/" + version();

    /** Answers no challenge: a token endpoint's 401 is the provider's to read, not the JVM's Authenticator's to answer. */
    private static final Authenticator NO_AUTHENTICATION = new Authenticator() { };

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
    private final Object proxiedLock = new Object();
    /** For requests through a proxy, created by the first one. */
    private volatile ProxiedExchange proxied;
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

    /** {@return a builder with the defaults: 5 s connect, 10 s response and 30 s call timeouts, 1 MiB responses} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public EndpointResponse send(EndpointRequest request) {
        URI uri = request.uri();
        requireSecureTransport(uri);
        // Header names are case-insensitive, as EndpointResponse reads them.
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.putIfAbsent("User-Agent", userAgent);
        byte[] body = null;
        String contentType = null;
        if (request.body().isPresent()) {
            EndpointRequest.Body payload = request.body().get();
            body = text(payload).getBytes(StandardCharsets.UTF_8);
            contentType = payload.contentType() + "; charset=UTF-8";
        }
        if (closed) {
            throw closedError();
        }
        ScheduledExecutorService timer;
        try {
            timer = deadlines.executor();
        } catch (RejectedExecutionException e) {
            throw closedError();
        }
        return proxy.proxies(uri) || jdkLogsHeaders()
                ? proxied().send(request, uri, headers, body, contentType, timer, callTimeout.toMillis())
                : sendDirect(request, uri, headers, body, contentType, timer);
    }

    /**
     * Whether the JDK's connection would print this request's headers: at DEBUG (java.util.logging
     * {@code FINE}, e.g. a JVM-wide {@code .level=FINE}) its logger writes every request header,
     * {@code Authorization} and API keys included. While it does, requests go through HttpClient 5
     * instead, which logs headers only through SLF4J at DEBUG of its own
     * {@code org.apache.hc.client5.http} loggers (a wire log someone turned on).
     */
    private static boolean jdkLogsHeaders() {
        return System.getLogger("sun.net.www.protocol.http.HttpURLConnection").isLoggable(System.Logger.Level.DEBUG);
    }

    private AuthException closedError() {
        return new AuthException(providerId, "the token endpoint transport was closed (the Credentials using it"
                + " were closed); build a new Credentials to fetch tokens again");
    }

    private ProxiedExchange proxied() {
        ProxiedExchange existing = proxied;
        if (existing != null) {
            return existing;
        }
        synchronized (proxiedLock) {
            if (closed) {
                throw closedError();
            }
            if (proxied == null) {
                proxied = new ProxiedExchange(this, proxy, providerId, connectTimeout, responseTimeout, sslContext,
                        userAgent);
            }
            return proxied;
        }
    }

    private EndpointResponse sendDirect(EndpointRequest request, URI uri, Map<String, String> headers, byte[] body,
            String contentType, ScheduledExecutorService timer) {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        } catch (IOException | IllegalArgumentException e) {
            throw unusable(uri, e);
        }
        if (sslContext != null && connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(sslContext.getSocketFactory());
        }
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setAuthenticator(NO_AUTHENTICATION);
        connection.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, responseTimeout.toMillis()));
        // Without one, the JDK sends its own browser-style Accept list.
        if (!headers.containsKey("Accept")) {
            connection.setRequestProperty("Accept", "*/*");
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            connection.setRequestProperty(header.getKey(), header.getValue());
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean readingBody = new AtomicBoolean();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            cancelled.set(true);
            // Until the body, disconnect() closes the socket at once. While the body is read it would wait for the
            // reading thread's stream lock, holding up the engine's shared timer: the reader checks the flag after
            // every read instead (so a body dripping past the call timeout ends at its next bytes or read timeout).
            if (!readingBody.get()) {
                connection.disconnect();
            }
        }, callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            connection.setRequestMethod(request.method().name());
            if (body != null) {
                // Buffered rather than streamed: the JDK can then still hand back a 401's body.
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            readingBody.set(true);
            if (status < 0) {
                throw new ProtocolException("no HTTP status line");
            }
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>(connection.getHeaderFields());
            responseHeaders.remove(null); // the status line
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            try (InputStream in = stream == null ? null : new UntilCancelled(stream, cancelled)) {
                return response(status, responseHeaders, connection.getContentType(), connection.getContentLengthLong(), in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw failure(uri, e, cancelled.get());
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * What a failed exchange means, for both transports: a timeout or a refused connection is
     * transient, a refused certificate is an {@link UntrustedEndpointException}, an unusable URL
     * is a configuration error. Messages never quote bytes of the answer, which may hold a token.
     */
    RuntimeException failure(URI uri, Exception e, boolean cancelled) {
        if (cancelled) {
            return new TransientAuthException(providerId, "the token endpoint " + Urls.redacted(uri)
                    + " did not answer within " + callTimeout.toMillis() + " ms", null, null, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new TransientAuthException(providerId, "the token endpoint " + Urls.redacted(uri) + " timed out ("
                    + e.getClass().getSimpleName() + "); retry later or raise the timeouts", null, null, e);
        }
        if (e instanceof SSLException tls) {
            Optional<UntrustedEndpointException> refused = untrusted(uri, tls);
            if (refused.isPresent()) {
                return refused.get();
            }
            return new TransientAuthException(providerId, "TLS with the token endpoint " + Urls.redacted(uri) + " failed ("
                    + e.getClass().getSimpleName() + "); check the URL and the trusted certificates", null, null, e);
        }
        if (e instanceof IOException) {
            // Only connection-level messages ("Connection refused"): a protocol error's message may quote bytes
            // of the answer ("Bad chunk header: ..."), which may hold a token.
            boolean connectionLevel = e instanceof SocketException || e instanceof UnknownHostException;
            return new TransientAuthException(providerId, "could not reach the token endpoint " + Urls.redacted(uri)
                    + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null || !connectionLevel ? "" : ": " + e.getMessage()) + ")", null, null, e);
        }
        return unusable(uri, e);
    }

    private AuthException unusable(URI uri, Exception e) {
        return new AuthException(providerId, "the token URL " + Urls.redacted(uri) + " cannot be used ("
                + e.getClass().getSimpleName() + "); check the token URL setting", e);
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

    /**
     * The response both transports return: the body read up to the size cap and decoded with its
     * declared charset (UTF-8 when none), the JSON parsed when it is JSON.
     */
    EndpointResponse response(int status, Map<String, List<String>> headers, String contentType, long contentLength,
            InputStream in) throws IOException {
        if (contentLength > maxResponseBytes) {
            throw oversized(status);
        }
        String body = in == null ? "" : new String(readCapped(in, status), charset(contentType));
        return new EndpointResponse(status, headers, body, parse(body));
    }

    /** The {@code charset} parameter of a {@code Content-Type}, UTF-8 when it names none or one the JVM lacks. */
    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String trimmed = parameter.strip();
                if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = trimmed.substring(8).strip();
                    if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
                        name = name.substring(1, name.length() - 1);
                    }
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
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

    private String text(EndpointRequest.Body body) {
        if (body instanceof EndpointRequest.FormBody form) {
            return FormEncoding.formEncode(form.parameters()); // percent-encoded UTF-8 bytes
        }
        return json.write(((EndpointRequest.JsonBody) body).fields());
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

    /**
     * Closes the proxied connections and gives back this endpoint's share of the engine's timer
     * thread; later requests fail with a typed error. Direct connections idle in the JDK's keep-alive
     * cache, which closes them within seconds.
     */
    @Override
    public void close() {
        ProxiedExchange created;
        synchronized (proxiedLock) {
            if (closed) {
                return;
            }
            closed = true;
            created = proxied;
            proxied = null;
        }
        try {
            if (created != null) {
                created.close();
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

    /** A body stream that fails once the call's deadline has passed, checked after every read. */
    private static final class UntilCancelled extends FilterInputStream {
        private final AtomicBoolean cancelled;

        UntilCancelled(InputStream in, AtomicBoolean cancelled) {
            super(in);
            this.cancelled = cancelled;
        }

        @Override
        public int read() throws IOException {
            return checked(super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return checked(super.read(buffer, offset, length));
        }

        private int checked(int result) throws IOException {
            if (cancelled.get()) {
                throw new InterruptedIOException("past the call timeout");
            }
            return result;
        }
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
         * {@return a new transport} It holds a share of the engine's timer thread (and, once a request
         * went through a proxy, an HTTP client): close it when no account uses it any more.
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
