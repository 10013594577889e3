package dev.apiauth.simulator;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.jdkhttp.JdkHttpAuth;
import dev.apiauth.core.internal.JacksonJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The real providers, found by discovery, driven by the real engine; HTTP through {@code java.net.http}
 * without redirects, so a 302 stays visible.
 */
final class Engine implements AutoCloseable {
    static final AuthProviders PROVIDERS = AuthProviders.discover();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Clock clock;
    private final List<Credentials> opened = new ArrayList<>();

    /** With the system clock, as an application would run. */
    Engine() {
        this(Clock.systemUTC());
    }

    Engine(Clock clock) {
        this.clock = clock;
    }

    Credentials credentials(String providerId, Map<String, String> settings) {
        return credentials(providerId, Settings.of(settings), UnaryOperator.identity());
    }

    Credentials credentials(String providerId, Settings settings, UnaryOperator<Credentials.Builder> options) {
        Credentials credentials = options.apply(Credentials.builder(PROVIDERS.get(providerId))
                        .settings(settings)
                        .clock(clock)
                        // Refreshes run on the caller, so a test sees their effect at once.
                        .backgroundExecutor(Runnable::run))
                .build();
        opened.add(credentials);
        return credentials;
    }

    /** An authorized GET through the engine's {@code java.net.http} integration. */
    static HttpResponse<String> authorizedGet(Credentials credentials, URI uri) {
        try {
            return JdkHttpAuth.of(credentials).send(HTTP, HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A plain GET with exactly these headers. */
    static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object body, for assertions. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        return (Map<String, Object>) JacksonJson.INSTANCE.parse(body);
    }

    @Override
    public void close() {
        opened.forEach(Credentials::close);
    }
}
