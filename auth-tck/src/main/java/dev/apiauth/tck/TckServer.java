package dev.apiauth.tck;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The TCK's WireMock server: loopback only, dynamic port, silent (its own log would print request
 * bodies with the fixture's secrets), shared by every contract test in the JVM and reset between
 * tests. Answers of the token endpoint and the fake API come from the running test through two
 * response transformers, so each request can get the next scripted answer.
 */
final class TckServer {
    static final String TOKEN_ANSWERS = "apiauth-tck-token";
    static final String API_ANSWERS = "apiauth-tck-api";

    private static TckServer instance;

    private final Responder tokenResponder = new Responder(TOKEN_ANSWERS);
    private final Responder apiResponder = new Responder(API_ANSWERS);
    private final WireMockServer server;

    private TckServer() {
        server = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .notifier(new SilentNotifier())
                .jettyStopTimeout(0L)
                .extensions(tokenResponder, apiResponder));
        server.start();
    }

    /**
     * The server of this JVM, started on first use and stopped when the JVM exits. One per JVM rather
     * than per test run: nested runs (the TCK's own tests, the runner) reuse it instead of waiting for
     * a server to stop while a deliberately hanging answer is still being served.
     */
    static synchronized TckServer shared() {
        if (instance == null) {
            TckServer server = new TckServer();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "apiauth-tck-server-stop"));
            instance = server;
        }
        return instance;
    }

    WireMockServer wireMock() {
        return server;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    int port() {
        return server.port();
    }

    /** Every request the server received since the last reset, oldest first. */
    List<LoggedRequest> requests() {
        List<LoggedRequest> requests = new ArrayList<>();
        server.getAllServeEvents().forEach(event -> requests.add(event.getRequest()));
        Collections.reverse(requests);
        return requests;
    }

    /** Routes the transformers' answers to the current test. */
    void answerWith(Function<ServeEvent, ResponseDefinition> tokens, Function<ServeEvent, ResponseDefinition> api) {
        tokenResponder.answers = tokens;
        apiResponder.answers = api;
    }

    /** Forgets stubs, requests and the previous test's answers. */
    void reset() {
        server.resetAll();
        answerWith(null, null);
    }

    private void close() {
        server.stop();
    }

    private static final class Responder implements ResponseDefinitionTransformerV2 {
        private final String name;
        private volatile Function<ServeEvent, ResponseDefinition> answers;

        Responder(String name) {
            this.name = name;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Function<ServeEvent, ResponseDefinition> current = answers;
            if (current == null) {
                return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(599)
                        .withBody("no apiauth TCK test is running").build();
            }
            return current.apply(serveEvent);
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    /** WireMock's default notifier would print requests, secrets included; the TCK reports them itself. */
    private static final class SilentNotifier implements Notifier {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void error(String message, Throwable t) {
        }
    }
}
