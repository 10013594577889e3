package dev.apiauth.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.apiauth.core.Settings;
import dev.apiauth.core.store.FileSecretStore;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.consent.ConsentCallbackException;
import dev.apiauth.spi.consent.ConsentRequest;
import dev.apiauth.spi.consent.ConsentResult;
import dev.apiauth.spi.consent.InteractiveConsent;
import dev.apiauth.spi.internal.SettingValues;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authctl connect <id>}: the one-time browser consent of any provider that implements
 * {@link InteractiveConsent} (Dotypos among ours). Serves a callback on a random loopback port, sends
 * the browser to the vendor's consent page through a local start page (so a page URL that holds a
 * client secret is never printed), lets the provider check the callback's {@code state} and saves
 * the secrets it returns in the file secret store.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Give a provider's one-time browser consent (Dotypos: connect a cloud) and save the secret it"
                + " yields (e.g. a refresh token) in the secret store (owner-only files). Takes the provider's settings"
                + " as `authctl token` does (Dotypos: client-id and client-secret).",
                "Prints a local URL that sends the browser on to the vendor's consent page, opens it in a browser"
                        + " when there is one, and waits for the vendor to send the browser back."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE,
                ExitCodes.INVALID_SETTINGS_LINE,
                "6:the consent was not completed in time, or its callback was refused (wrong state, access denied)"})
final class ConnectCommand extends BaseCommand {
    private static final String START_PATH = "/";
    private static final String CALLBACK_PATH = "/callback";

    @Parameters(paramLabel = "PROVIDER", description = "A provider with a consent step, e.g. dotypos.")
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

    @Option(names = "--reveal", description = "Also print the vendor page's own URL (it may hold the client secret).")
    boolean reveal;

    @Option(names = "--json", description = "Print the result as JSON (the URL line is still printed first).")
    boolean json;

    @Override
    protected int run() throws IOException, InterruptedException {
        AuthProvider provider = root.providers().get(providerId);
        InteractiveConsent consent = consentOf(provider);
        if (port < 0 || port > 65_535) {
            throw new CliException(ExitCodes.USAGE, "--port " + port + " is not a port number (0-65535)");
        }
        Duration wait = SettingValues.parseDuration(timeout).filter(value -> !value.isZero()).orElseThrow(() ->
                new CliException(ExitCodes.USAGE, "--timeout '" + timeout + "' is not a duration; e.g. 90s, 5m, PT10M"));
        ProviderSettings validated = settings.settings(provider.id(), root.environment()).validate(provider);
        FileSecretStore store = settings.store(root.defaultStoreDir());

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        try {
            String local = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                    + server.getAddress().getPort();
            ConsentRequest request = consent.beginConsent(validated, URI.create(local + CALLBACK_PATH));
            CompletableFuture<ConsentResult> outcome = new CompletableFuture<>();
            server.createContext(START_PATH, exchange -> start(exchange, request));
            server.createContext(CALLBACK_PATH, exchange -> callback(exchange, consent, request, outcome));
            server.start();

            URI startPage = URI.create(local + START_PATH);
            out().println("Open this URL in a browser to give " + provider.info().displayName() + " consent:");
            out().println("  " + startPage);
            if (reveal) {
                out().println("(it leads to the vendor page " + request.method() + " " + request.url() + ")");
            }
            out().flush();
            if (!noBrowser) {
                openBrowser(startPage);
            }
            progress(json, "Waiting up to " + Durations.human(wait) + " for the vendor to send the browser back…");
            ConsentResult result;
            try {
                result = outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new CliException(ExitCodes.INTERACTION_REQUIRED, "the consent was not completed within "
                        + Durations.human(wait) + "; run `authctl connect " + provider.id()
                        + "` again (--timeout to wait longer)");
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

    /** The provider's consent step, or a usage error naming the providers that have one. */
    private InteractiveConsent consentOf(AuthProvider provider) {
        if (provider instanceof InteractiveConsent consent) {
            return consent;
        }
        if (provider.info().has(Capability.INTERACTIVE_CONSENT)) {
            throw new CliException(ExitCodes.USAGE, "provider '" + provider.id() + "' declares INTERACTIVE_CONSENT"
                    + " but does not implement " + InteractiveConsent.class.getName() + ", so authctl cannot run"
                    + " its consent step; ask its author to implement it, or follow the provider's documentation");
        }
        List<String> withConsent = root.providers().all().stream().filter(InteractiveConsent.class::isInstance)
                .map(AuthProvider::id).sorted().toList();
        throw new CliException(ExitCodes.USAGE, "provider '" + provider.id() + "' has no browser consent step;"
                + (withConsent.isEmpty() ? " no provider on the class path has one."
                        : " only " + String.join(", ", withConsent) + " need" + (withConsent.size() == 1 ? "s" : "")
                        + " `authctl connect`.")
                + " Get a token with: authctl token " + provider.id());
    }

    private void report(FileSecretStore store, ConsentResult result) {
        List<String> storeKeys = result.secrets().keySet().stream().map(result::storeKey).toList();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("provider", result.providerId());
            view.put("connected", result.description());
            view.put("settings", result.settings());
            view.put("storeDir", store.directory().toString());
            view.put("storeKeys", storeKeys);
            out().println(JacksonJson.INSTANCE.write(view));
            return;
        }
        out().println("Connected " + result.description() + ".");
        if (!storeKeys.isEmpty()) {
            out().println("Saved in " + store.directory() + " (key" + (storeKeys.size() == 1 ? " " : "s ")
                    + String.join(", ", storeKeys) + ", readable by you only).");
        }
        String id = result.providerId();
        String sets = result.settings().entrySet().stream().map(setting -> " --set " + setting.getKey() + "="
                + setting.getValue()).collect(Collectors.joining());
        String exports = result.settings().entrySet().stream().map(setting -> "export "
                + Settings.environmentVariable(id, setting.getKey()) + "=" + setting.getValue())
                .collect(Collectors.joining("; "));
        out().println("Next: authctl token " + id + sets
                + (settings.storeDir == null ? "" : " --store-dir " + store.directory())
                + (exports.isEmpty() ? "" : "   (or " + exports + ")"));
    }

    /** Sends the browser on to the vendor's page: a redirect for a GET, a self-posting form for a POST. */
    private static void start(HttpExchange exchange, ConsentRequest request) throws IOException {
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
    private static void callback(HttpExchange exchange, InteractiveConsent consent, ConsentRequest request,
            CompletableFuture<ConsentResult> outcome) throws IOException {
        try (exchange) {
            if (outcome.isDone()) {
                respond(exchange, 409, "text/plain", "This consent is already finished; you can close this tab.");
                return;
            }
            try {
                ConsentResult result = consent.completeConsent(request, exchange.getRequestURI());
                respond(exchange, 200, "text/plain", result.description()
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
