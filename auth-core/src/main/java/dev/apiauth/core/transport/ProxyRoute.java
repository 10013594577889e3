package dev.apiauth.core.transport;

import dev.apiauth.spi.Secret;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Objects;

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
 *
 * <p>Plain data and the direct-or-proxied decision only: every token request asks {@link #proxies},
 * so this class stays free of HttpClient types; {@link ProxiedExchange} turns a route into an
 * HttpClient configuration on the first proxied request.
 */
final class ProxyRoute {
    private static final ProxyRoute JVM = new ProxyRoute(null, -1, null, null);

    private final String host;
    private final int port;
    private final String username;
    private final Secret password;

    private ProxyRoute(String host, int port, String username, Secret password) {
        this.host = host;
        this.port = port;
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
        return new ProxyRoute(host.strip(), port, null, null);
    }

    /** The same proxy, answering its {@code 407} challenges with these credentials. */
    ProxyRoute withCredentials(String user, Secret secret) {
        Objects.requireNonNull(user, "proxy username");
        Objects.requireNonNull(secret, "proxy password");
        if (host == null) {
            throw new IllegalStateException("proxy credentials need an explicit proxy: call proxy(host, port) "
                    + "first (the JVM's proxy properties carry no credentials)");
        }
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the proxy username must not be empty");
        }
        return new ProxyRoute(host, port, user, secret);
    }

    /** {@return the explicit proxy's host, {@code null} when the JVM's proxy settings decide} */
    String host() {
        return host;
    }

    /** {@return the explicit proxy's port, -1 when the JVM's proxy settings decide} */
    int port() {
        return port;
    }

    /** {@return the explicit proxy's username, {@code null} for none} */
    String username() {
        return username;
    }

    /** {@return the explicit proxy's password, {@code null} for none} */
    Secret password() {
        return password;
    }

    /**
     * Whether a request to {@code uri} goes through a proxy: always with an explicit one; with the
     * JVM's settings, when the {@link ProxySelector} (asked now, as HttpClient's planner will ask it)
     * names an HTTP proxy before any direct choice. SOCKS entries are skipped, as HttpClient skips them.
     */
    boolean proxies(URI uri) {
        if (host != null) {
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

    /** {@code ", proxy=…"} for an explicit proxy, nothing for the JVM's settings (the default). */
    String describeIfSet() {
        return host == null ? "" : ", proxy=" + this;
    }

    @Override
    public String toString() {
        if (host == null) {
            return "JVM proxy settings";
        }
        return host + ":" + port + (username == null ? "" : " as '" + username + "' with password " + password);
    }
}
