package dev.apiauth.core.transport;

import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
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
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link HttpTokenEndpoint}'s token requests through a proxy, on Apache HttpClient 5: route
 * planning (an explicit proxy or the JVM's {@link java.net.ProxySelector}), {@code CONNECT} tunnels
 * for https, Basic and Digest proxy authentication, a proxy's refusal told apart from the token
 * endpoint's answer ({@link ProxyRoute}). A class of its own so that an application whose token
 * requests go direct never loads HttpClient: the endpoint creates this on the first proxied request.
 */
final class ProxiedExchange implements AutoCloseable {
    /** The full client's own default for a connection the server gave no keep-alive time for. */
    private static final TimeValue KEEP_ALIVE = TimeValue.ofMinutes(3);

    private final HttpTokenEndpoint endpoint;
    private final PoolingHttpClientConnectionManager connections;
    private final RequestConfig requestConfig;
    private final CloseableHttpClient client;

    ProxiedExchange(HttpTokenEndpoint endpoint, ProxyRoute proxy, String providerId, Duration connectTimeout,
            Duration responseTimeout, SSLContext sslContext, String userAgent) {
        this.endpoint = endpoint;
        this.requestConfig = RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setResponseTimeout(Timeout.of(responseTimeout))
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .build();
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .setTimeToLive(KEEP_ALIVE)
                        .build())
                .setTlsSocketStrategy(new LazyTlsStrategy(sslContext))
                .build();
        this.client = proxy.configure(HttpClients.custom(), providerId)
                .setConnectionManager(connections)
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
     * Sends {@code request}; {@code deadlines} cancels it past the call timeout. Failures are the
     * endpoint's to classify ({@link HttpTokenEndpoint#failure}).
     */
    EndpointResponse send(EndpointRequest request, URI uri, Map<String, String> headers, byte[] body, String contentType,
            ScheduledExecutorService deadlines, long callTimeoutMillis) {
        HttpUriRequestBase http = request.method() == EndpointRequest.Method.GET ? new HttpGet(uri) : new HttpPost(uri);
        headers.forEach(http::addHeader);
        if (body != null) {
            http.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        }
        http.setConfig(requestConfig);
        ScheduledFuture<?> deadline = deadlines.schedule(http::cancel, callTimeoutMillis, TimeUnit.MILLISECONDS);
        try {
            return client.execute(http, this::read);
        } catch (IOException | IllegalArgumentException e) {
            throw endpoint.failure(uri, e, http.isCancelled());
        } catch (IllegalStateException e) {
            // HttpClient reports a request cancelled before it started this way.
            throw endpoint.failure(uri, e, true);
        } finally {
            deadline.cancel(false);
        }
    }

    private EndpointResponse read(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return endpoint.response(response.getCode(), headers, null, -1, null);
        }
        try (InputStream in = entity.getContent()) {
            return endpoint.response(response.getCode(), headers, entity.getContentType(), entity.getContentLength(), in);
        }
    }

    /** Closes the proxied connections. */
    @Override
    public void close() {
        connections.close(CloseMode.GRACEFUL);
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
}
