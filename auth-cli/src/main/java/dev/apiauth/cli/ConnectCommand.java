package dev.apiauth.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.apiauth.core.store.FileSecretStore;
import dev.apiauth.core.transport.JacksonJson;
import dev.apiauth.provider.dotypos.ConsentCallbackException;
import dev.apiauth.provider.dotypos.DotyposConsent;
import dev.apiauth.provider.dotypos.DotyposProvider;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authctl connect dotypos}: the one-time browser consent. Serves a callback on a random
 * loopback port, sends the browser to the Dotypos connector page through a local start page (so the
 * legacy page's URL, which holds the client secret, is never printed), checks the callback's
 * {@code state} and saves the refresh token in the file secret store.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Connect a Dotypos cloud once in a browser and save its refresh token in the secret store"
                + " (owner-only files). Needs settings client-id and client-secret (as for `authctl token`).",
                "Prints a local URL that sends the browser on to the Dotypos connector page, opens it in a browser"
                        + " when there is one, and waits for Dotypos to send the browser back."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE,
                ExitCodes.INVALID_SETTINGS_LINE,
                "6:the consent was not completed in time, or its callback was refused (wrong state, access denied)"})
final class ConnectCommand extends BaseCommand {
    private static final String START_PATH = "/";
    private static final String CALLBACK_PATH = "/callback";

    @Parameters(paramLabel = "PROVIDER", description = "The provider to connect: dotypos.")
    String providerId;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Loopback port of the callback server; 0 (default) picks a free one.")
    int port;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for the browser to come back, e.g. 90s, 10m. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Option(names = "--no-browser", description = "Only print the URL; do not open a browser.")
    boolean noBrowser;

    @Option(names = "--reveal", description = "Also print the connector page's own URL (it holds the client secret).")
    boolean reveal;

    @Option(names = "--json", description = "Print the result as JSON (the URL line is still printed first).")
    boolean json;

    @Override
    protected int run() throws IOException, InterruptedException {
        AuthProvider provider = root.providers().get(providerId);
        if (!provider.info().has(Capability.INTERACTIVE_CONSENT)) {
            throw new CliException(ExitCodes.USAGE, "provider '" + provider.id() + "' has no browser consent step;"
                    + " only " + DotyposProvider.ID + " needs `authctl connect`. Get a token with: authctl token "
                    + provider.id());
        }
        if (port < 0 || port > 65_535) {
            throw new CliException(ExitCodes.USAGE, "--port " + port + " is not a port number (0-65535)");
        }
        Duration wait = Setting.parseDuration(timeout).filter(value -> !value.isZero()).orElseThrow(() ->
                new CliException(ExitCodes.USAGE, "--timeout '" + timeout + "' is not a duration; e.g. 90s, 5m, PT10M"));
        ProviderSettings validated = settings.settings(provider.id(), root.environment()).validate(provider);
        FileSecretStore store = settings.store(root.defaultStoreDir());

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        try {
            String local = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                    + server.getAddress().getPort();
            DotyposConsent consent = DotyposConsent.builder(validated, URI.create(local + CALLBACK_PATH)).build();
            DotyposConsent.ConsentRequest request = consent.begin();
            CompletableFuture<DotyposConsent.Result> outcome = new CompletableFuture<>();
            server.createContext(START_PATH, exchange -> start(exchange, request));
            server.createContext(CALLBACK_PATH, exchange -> callback(exchange, request.state(), outcome));
            server.start();

            URI startPage = URI.create(local + START_PATH);
            out().println("Open this URL in a browser to connect a Dotypos cloud:");
            out().println("  " + startPage);
            if (reveal) {
                out().println("(it leads to the connector page " + request.method() + " " + request.url() + ")");
            }
            out().flush();
            if (!noBrowser) {
                openBrowser(startPage);
            }
            progress(json, "Waiting up to " + Durations.human(wait) + " for Dotypos to send the browser back…");
            DotyposConsent.Result result;
            try {
                result = outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new CliException(ExitCodes.INTERACTION_REQUIRED, "the consent was not completed within "
                        + Durations.human(wait) + "; run `authctl connect dotypos` again (--timeout to wait longer)");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new CliException(ExitCodes.FAILURE, "the consent callback failed: " + e.getCause(), e);
            }
            result.saveTo(store);
            report(store, result);
            return ExitCodes.OK;
        } finally {
            server.stop(0);
        }
    }

    private void report(FileSecretStore store, DotyposConsent.Result result) {
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("provider", DotyposProvider.ID);
            view.put("cloudId", result.cloudId());
            view.put("storeDir", store.directory().toString());
            view.put("storeKey", DotyposConsent.STORE_KEY);
            out().println(JacksonJson.INSTANCE.write(view));
            return;
        }
        out().println("Connected Dotypos cloud " + result.cloudId() + ".");
        out().println("The refresh token is saved in " + store.directory() + " (key " + DotyposConsent.STORE_KEY
                + ", readable by you only).");
        out().println("Next: authctl token dotypos --set cloud-id=" + result.cloudId()
                + (settings.storeDir == null ? "" : " --store-dir " + store.directory())
                + "   (or export APIAUTH_DOTYPOS_CLOUD_ID=" + result.cloudId() + ")");
    }

    /** Sends the browser on to the connector page: a redirect for the legacy GET, a self-posting form for v2. */
    private static void start(HttpExchange exchange, DotyposConsent.ConsentRequest request) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(START_PATH)) {
                respond(exchange, 404, "text/plain", "not found");
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (request.method().equals("GET")) {
                exchange.getResponseHeaders().set("Location", request.url().toString());
                respond(exchange, 302, "text/html", request.html());
            } else {
                respond(exchange, 200, "text/html", request.html());
            }
        }
    }

    /** Checks the callback's state before anything else, and answers the browser in plain words. */
    private static void callback(HttpExchange exchange, String state,
            CompletableFuture<DotyposConsent.Result> outcome) throws IOException {
        try (exchange) {
            if (outcome.isDone()) {
                respond(exchange, 409, "text/plain", "This consent is already finished; you can close this tab.");
                return;
            }
            try {
                DotyposConsent.Result result = DotyposConsent.parseCallback(exchange.getRequestURI(), state);
                respond(exchange, 200, "text/plain", "Dotypos cloud " + result.cloudId()
                        + " is connected. You can close this tab and return to authctl.");
                outcome.complete(result);
            } catch (RuntimeException e) {
                String reason = e instanceof ConsentCallbackException ? e.getMessage() : "it is not a consent callback";
                respond(exchange, 400, "text/plain", "authctl could not accept this callback: " + reason);
                outcome.completeExceptionally(e);
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(bytes);
        }
    }

    private void openBrowser(URI page) {
        try {
            if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(page);
                return;
            }
        } catch (IOException | RuntimeException e) {
            err().println("(could not open a browser: " + e.getMessage() + ")");
        }
        progress(json, "(no browser to open here: open the URL above yourself)");
    }
}
