package dev.apiauth.core.transport;

import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.TransientAuthException;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpStatus;

/**
 * The way token requests leave the JVM: through the proxy set with
 * {@link HttpTokenEndpoint.Builder#proxy}, or else through whatever the JVM's
 * {@link java.net.ProxySelector} picks for the URL, which by default reads the standard
 * {@code https.proxyHost}/{@code https.proxyPort}, {@code http.proxyHost}/{@code http.proxyPort}
 * and {@code http.nonProxyHosts} system properties (consulted per request, so a change applies to
 * the next one). An https token URL goes through a {@code CONNECT} tunnel: TLS, the certificate
 * check and the host-name check stay end to end with the token endpoint.
 *
 * <p>HttpClient's {@code useSystemProperties()} would choose the same route, but it also installs a
 * credentials provider that answers <em>any</em> server's challenge from {@link java.net.Authenticator}
 * and JVM-wide properties; the engine wants exactly one thing from the JVM here, its proxy choice.
 */
final class ProxyRoute {
    private static final ProxyRoute JVM = new ProxyRoute(null, null, null);

    private final HttpHost proxy;
    private final String username;
    private final Secret password;

    private ProxyRoute(HttpHost proxy, String username, Secret password) {
        this.proxy = proxy;
        this.username = username;
        this.password = password;
    }

    /** The JVM's proxy settings. */
    static ProxyRoute jvm() {
        return JVM;
    }

    /** Always {@code host:port}, whatever the URL (loopback ones too); no credentials. */
    static ProxyRoute explicit(String host, int port) {
        Objects.requireNonNull(host, "proxy host");
        if (host.isBlank() || host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException("the proxy host must be a host name or IP address, like "
                    + "proxy.example.com, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the proxy port must be between 1 and 65535, got " + port);
        }
        return new ProxyRoute(new HttpHost(host.strip(), port), null, null);
    }

    /** The same proxy, answering its {@code 407} challenges with these credentials. */
    ProxyRoute withCredentials(String user, Secret secret) {
        Objects.requireNonNull(user, "proxy username");
        Objects.requireNonNull(secret, "proxy password");
        if (proxy == null) {
            throw new IllegalStateException("proxy credentials need an explicit proxy: call proxy(host, port) "
                    + "first (the JVM's proxy properties carry no credentials)");
        }
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the proxy username must not be empty");
        }
        return new ProxyRoute(proxy, user, secret);
    }

    /**
     * Whether a request to {@code uri} goes through a proxy: always with an explicit one; with the
     * JVM's settings, when the {@link ProxySelector} (asked now, as HttpClient's planner will ask it)
     * names an HTTP proxy before any direct choice. SOCKS entries are skipped, as HttpClient skips them.
     */
    boolean proxies(URI uri) {
        if (proxy != null) {
            return true;
        }
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return false;
        }
        List<Proxy> choices;
        try {
            // The URI HttpClient's planner asks about: scheme, host and port of the target.
            choices = selector.select(URI.create(uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort())));
        } catch (IllegalArgumentException e) {
            return true; // the full client reports the unusable URL as HttpClient sees it
        }
        for (Proxy choice : choices) {
            if (choice.type() == Proxy.Type.HTTP) {
                return true;
            }
            if (choice.type() == Proxy.Type.DIRECT) {
                return false;
            }
        }
        return false;
    }

    /**
     * Sets {@code builder}'s route planner, the proxy credentials (scoped to the proxy alone, so no
     * token endpoint's challenge is ever answered with them) and the check that turns a proxy's
     * refusal into a clear error.
     */
    HttpClientBuilder configure(HttpClientBuilder builder, String providerId) {
        if (proxy == null) {
            // null: ProxySelector.getDefault() at each request.
            builder.setRoutePlanner(new SystemDefaultRoutePlanner(null));
        } else {
            builder.setRoutePlanner(new DefaultProxyRoutePlanner(proxy));
            if (username != null) {
                builder.setDefaultCredentialsProvider(CredentialsProviderBuilder.create()
                        .add(new AuthScope(proxy.getHostName(), proxy.getPort()), username,
                                password.reveal().toCharArray())
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
                        (request, scope, chain) -> refuseProxyFailures(request, scope, chain, providerId));
    }

    private static final String REACHED_TARGET = "dev.apiauth.reached-target";

    /**
     * A proxy's {@code 407} (after HttpClient offered the credentials, or had none to offer) and a
     * refused tunnel are the proxy's answers, not the token endpoint's: fail with what to change
     * (retryable only for a proxy's 5xx). Messages name the proxy and the status only, never a body.
     */
    private ClassicHttpResponse refuseProxyFailures(ClassicHttpRequest request, ExecChain.Scope scope,
            ExecChain chain, String providerId) throws IOException, HttpException {
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
                    + (username == null
                            ? "give its credentials with HttpTokenEndpoint.Builder.proxyCredentials(username, password)"
                            : "it refused user '" + username + "': check the proxy username and password"));
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

    /** {@code ", proxy=…"} for an explicit proxy, nothing for the JVM's settings (the default). */
    String describeIfSet() {
        return proxy == null ? "" : ", proxy=" + this;
    }

    @Override
    public String toString() {
        if (proxy == null) {
            return "JVM proxy settings";
        }
        return proxy.toHostString() + (username == null ? "" : " as '" + username + "' with password " + password);
    }
}
