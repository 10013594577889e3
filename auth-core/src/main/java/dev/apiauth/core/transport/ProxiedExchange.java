package dev.apiauth.core.transport;

import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.TransientAuthException;
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
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link HttpTokenEndpoint}'s token requests through a proxy, on Apache HttpClient 5: route
 * planning (an explicit proxy or the JVM's {@link java.net.ProxySelector}), {@code CONNECT} tunnels
 * for https, Basic and Digest proxy authentication, a proxy's refusal told apart from the token
 * endpoint's answer. A class of its own so that an application whose token
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
        this.client = configure(HttpClients.custom(), proxy, providerId)
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

    /**
     * Sets {@code builder}'s route planner, the proxy credentials (scoped to the proxy alone, so no
     * token endpoint's challenge is ever answered with them) and the check that turns a proxy's
     * refusal into a clear error.
     */
    private static HttpClientBuilder configure(HttpClientBuilder builder, ProxyRoute route, String providerId) {
        if (route.host() == null) {
            // null: ProxySelector.getDefault() at each request.
            builder.setRoutePlanner(new SystemDefaultRoutePlanner(null));
        } else {
            builder.setRoutePlanner(new DefaultProxyRoutePlanner(new HttpHost(route.host(), route.port())));
            if (route.username() != null) {
                builder.setDefaultCredentialsProvider(CredentialsProviderBuilder.create()
                        .add(new AuthScope(route.host(), route.port()), route.username(),
                                route.password().reveal().toCharArray())
                        .build());
            }
        }
        // HttpClient hands a refused CONNECT's answer back as if the token endpoint had sent it; a marker
        // behind the tunnel step tells the two apart.
        return builder
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), "apiauth-reached-target", (request, scope, chain) -> {
                    scope.clientContext.setAttribute(REACHED_TARGET, Boolean.TRUE);
                    return chain.proceed(request, scope);
                })
                .addExecInterceptorFirst("apiauth-proxy-refusal",
                        (request, scope, chain) -> refuseProxyFailures(request, scope, chain, route, providerId));
    }

    private static final String REACHED_TARGET = "dev.apiauth.reached-target";

    /**
     * A proxy's {@code 407} (after HttpClient offered the credentials, or had none to offer) and a
     * refused tunnel are the proxy's answers, not the token endpoint's: fail with what to change
     * (retryable only for a proxy's 5xx). Messages name the proxy and the status only, never a body.
     */
    private static ClassicHttpResponse refuseProxyFailures(ClassicHttpRequest request, ExecChain.Scope scope,
            ExecChain chain, ProxyRoute route, String providerId) throws IOException, HttpException {
        scope.clientContext.removeAttribute(REACHED_TARGET);
        ClassicHttpResponse response = chain.proceed(request, scope);
        int status = response.getCode();
        HttpHost via = scope.route.getProxyHost();
        boolean tunnelRefused = scope.route.isTunnelled() && status >= 300
                && scope.clientContext.getAttribute(REACHED_TARGET) == null;
        if (status != HttpStatus.SC_PROXY_AUTHENTICATION_REQUIRED && !tunnelRefused) {
            return response;
        }
        response.close();
        String proxyName = via == null ? "in front of the token endpoint" : via.toHostString();
        if (status == HttpStatus.SC_PROXY_AUTHENTICATION_REQUIRED) {
            throw new AuthException(providerId, "the proxy " + proxyName + " demands authentication (407); "
                    + (route.username() == null
                            ? "give its credentials with HttpTokenEndpoint.Builder.proxyCredentials(username, password)"
                            : "it refused user '" + route.username() + "': check the proxy username and password"));
        }
        String refusal = "the proxy " + proxyName + " refused the tunnel to " + scope.route.getTargetHost().toHostString()
                + " (" + status + ")";
        if (status >= 500) {
            throw new TransientAuthException(providerId, refusal + "; retry later, or check that the proxy can reach "
                    + "the token endpoint", status, null, null);
        }
        throw new AuthException(providerId, refusal + "; check that the proxy allows connections to the token "
                + "endpoint's host and port");
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
