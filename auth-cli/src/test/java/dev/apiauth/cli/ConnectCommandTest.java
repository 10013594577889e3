package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.simulator.VendorSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.apiauth.core.AuthProviders;
import dev.apiauth.provider.domo.DomoProvider;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.consent.ConsentCallbackException;
import dev.apiauth.spi.consent.ConsentRequest;
import dev.apiauth.spi.consent.ConsentResult;
import dev.apiauth.spi.consent.InteractiveConsent;
import picocli.CommandLine;

class ConnectCommandTest {
    private static final Pattern START_URL = Pattern.compile("^  (http://127\\.0\\.0\\.1:\\d+/)$", Pattern.MULTILINE);

    static VendorSimulator vendors;

    @TempDir
    Path home;

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    static void startVendors() {
        vendors = VendorSimulator.start();
    }

    @AfterAll
    static void stopVendors() {
        vendors.close();
    }

    /** Runs {@code connect} in the background and hands out the start URL as soon as it is printed. */
    private final class Connect {
        final StringWriter err = new StringWriter();
        final UrlWatcher out = new UrlWatcher();
        final CompletableFuture<Integer> status;

        Connect(String... args) {
            this(null, args);
        }

        Connect(AuthProviders providers, String... args) {
            CommandLine command = new CommandLine(new AuthCtl(Map.of(), false, home.resolve("secrets"), providers))
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true));
            status = CompletableFuture.supplyAsync(() -> command.execute(args));
        }

        URI startUrl() throws Exception {
            return out.url.get(10, TimeUnit.SECONDS);
        }

        int status() throws Exception {
            return status.get(10, TimeUnit.SECONDS);
        }
    }

    private String[] connect(String flavour, String... more) {
        Map<String, String> simulated = vendors.settingsFor("dotypos", flavour);
        List<String> args = new ArrayList<>(List.of("connect", "dotypos", "--no-browser",
                "--store-dir", home.resolve("store").toString()));
        for (String name : List.of("client-id", "client-secret", "consent-flavour", "connect-url", "connect-v2-url")) {
            args.addAll(List.of("--set", name + "=" + simulated.get(name)));
        }
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void legacyConsentThroughTheSimulatorSavesTheRefreshTokenOwnerOnly() throws Exception {
        Connect connect = new Connect(connect("legacy"));

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(connect.startUrl()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/callback");
        assertThat(page.body()).contains("is connected");
        assertThat(connect.status()).as(connect.err.toString()).isZero();
        String cloudId = vendors.settingsFor("dotypos").get("cloud-id");
        assertThat(connect.out.toString()).contains("Connected Dotypos cloud " + cloudId)
                .contains("--set cloud-id=" + cloudId)
                .doesNotContain(vendors.settingsFor("dotypos").get("client-secret"))
                .doesNotContain(vendors.settingsFor("dotypos").get("refresh-token"));
        Path saved = home.resolve("store").resolve("dotypos.refresh-token.secret");
        assertThat(saved).hasContent(vendors.settingsFor("dotypos").get("refresh-token"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void theSavedRefreshTokenIsWhatTokenUsesAfterwards() throws Exception {
        Connect connect = new Connect(connect("legacy"));
        browser.send(HttpRequest.newBuilder(connect.startUrl()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(connect.status()).isZero();
        int before = vendors.tokenRequests("dotypos");

        Cli.Result token = Cli.in(home).run("token", "dotypos", "--store-dir", home.resolve("store").toString(),
                "--set", "cloud-id=" + vendors.settingsFor("dotypos").get("cloud-id"),
                "--set", "token-url=" + vendors.settingsFor("dotypos").get("token-url"));

        assertThat(token.status()).as(token.toString()).isZero();
        assertThat(token.out()).startsWith("Authorization: Bearer eyJ");
        assertThat(vendors.tokenRequests("dotypos")).isEqualTo(before + 1);
    }

    @Test
    void v2ConsentPostsTheSignedFormFromTheStartPage() throws Exception {
        Connect connect = new Connect(connect("v2", "--json"));

        HttpResponse<String> start = browser.send(HttpRequest.newBuilder(connect.startUrl()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(200);
        Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">").matcher(start.body());
        assertThat(action.find()).as(start.body()).isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
                .matcher(start.body());
        while (input.find()) {
            fields.put(input.group(1), input.group(2).replace("&amp;", "&"));
        }
        assertThat(fields).containsKeys("client_id", "timestamp", "signature", "redirect_uri", "state")
                .doesNotContainKey("client_secret");
        String form = fields.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> callback = browser.send(HttpRequest.newBuilder(URI.create(action.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
        assertThat(connect.status()).as(connect.err.toString()).isZero();
        String json = connect.out.toString().substring(connect.out.toString().indexOf('{'));
        assertThat(dev.apiauth.core.internal.JacksonJson.INSTANCE.parse(json)).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("provider", "dotypos")
                .containsEntry("connected", "Dotypos cloud " + vendors.settingsFor("dotypos").get("cloud-id"))
                .containsEntry("settings", Map.of("cloud-id", vendors.settingsFor("dotypos").get("cloud-id")))
                .containsEntry("storeKeys", List.of("dotypos.refresh-token"));
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedAndNothingIsSaved() throws Exception {
        Connect connect = new Connect(connect("legacy"));
        URI start = connect.startUrl();

        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(start.resolve(
                "/callback?token=attacker-token&cloudid=1&state=forged")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("state");
        assertThat(connect.status()).isEqualTo(ExitCodes.INTERACTION_REQUIRED);
        assertThat(connect.err.toString()).contains("'state' is not the one this consent sent");
        assertThat(home.resolve("store").resolve("dotypos.refresh-token.secret")).doesNotExist();
    }

    @Test
    void givesUpAfterTheTimeout() throws Exception {
        Connect connect = new Connect(connect("legacy", "--timeout", "200ms"));

        assertThat(connect.status()).isEqualTo(ExitCodes.INTERACTION_REQUIRED);
        assertThat(connect.err.toString()).contains("not completed within 200ms");
        assertThat(connect.out.toString()).containsPattern(START_URL);
    }

    @Test
    void theConnectorUrlHoldingTheSecretIsPrintedOnlyWithReveal() throws Exception {
        String secret = vendors.settingsFor("dotypos").get("client-secret");
        Connect hidden = new Connect(connect("legacy", "--timeout", "100ms"));
        Connect revealed = new Connect(connect("legacy", "--timeout", "100ms", "--reveal"));

        assertThat(hidden.status()).isEqualTo(ExitCodes.INTERACTION_REQUIRED);
        assertThat(revealed.status()).isEqualTo(ExitCodes.INTERACTION_REQUIRED);
        assertThat(hidden.out.toString() + hidden.err).doesNotContain(secret);
        assertThat(revealed.out.toString()).contains("client_secret=" + secret);
    }

    @Test
    void missingClientSecretIsASettingsError() {
        Cli.Result result = Cli.in(home).run("connect", "dotypos", "--no-browser", "--set", "client-id=abc");

        assertThat(result.status()).isEqualTo(ExitCodes.INVALID_SETTINGS);
        assertThat(result.err()).contains("client-secret");
    }

    @Test
    void anyProviderImplementingInteractiveConsentCanBeConnected() throws Exception {
        AuthProviders providers = AuthProviders.of(List.of(new AcmeConsentProvider(), new DomoProvider()));
        Connect connect = new Connect(providers, "connect", "acme", "--no-browser", "--store-dir",
                home.resolve("store").toString(), "--set", "app-id=app-1");

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(connect.startUrl()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Acme account acme-7 is connected");
        assertThat(connect.status()).as(connect.err.toString()).isZero();
        assertThat(connect.out.toString()).contains("Connected Acme account acme-7.", "acme.grant",
                        "Next: authctl token acme --set account=acme-7", "export APIAUTH_ACME_ACCOUNT=acme-7")
                .doesNotContain(AcmeConsentProvider.GRANT);
        assertThat(home.resolve("store").resolve("acme.grant.secret")).hasContent(AcmeConsentProvider.GRANT);
    }

    @Test
    void aProviderDeclaringConsentWithoutImplementingItIsExplained() {
        AuthProvider declaresOnly = new NoTokenProvider() {
            @Override
            public ProviderInfo info() {
                return ProviderInfo.builder("Half").documentation("https://half.example.test")
                        .capabilities(Capability.TOKEN_ENDPOINT, Capability.INTERACTIVE_CONSENT).build();
            }
        };
        Cli.Result result = Cli.in(home).withProviders(AuthProviders.of(List.of(declaresOnly))).run("connect",
                declaresOnly.id());

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("does not implement dev.apiauth.spi.consent.InteractiveConsent");
    }

    @Test
    void aProviderWithoutConsentIsAUsageError() {
        Cli.Result result = Cli.in(home).run("connect", "domo");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("only dotypos needs `authctl connect`");
    }

    /** A provider whose tokens these tests never fetch. */
    abstract static class NoTokenProvider implements AuthProvider {
        @Override
        public String id() {
            return "half";
        }

        @Override
        public int requestedSpiVersion() {
            return SPI_VERSION;
        }

        @Override
        public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
            throw new UnsupportedOperationException("connect never fetches a token");
        }
    }

    /**
     * A third party's provider with a consent step: its "vendor" approves at once by sending the
     * browser straight back with a grant, so the test shows connect knows nothing of Dotypos.
     */
    static final class AcmeConsentProvider extends NoTokenProvider implements InteractiveConsent {
        static final String GRANT = "acme-grant-s3cret";

        @Override
        public String id() {
            return "acme";
        }

        @Override
        public ProviderInfo info() {
            return ProviderInfo.builder("Acme").documentation("https://acme.example.test")
                    .setting(Setting.text("app-id", "the application").required())
                    .setting(Setting.text("account", "the connected account"))
                    .capabilities(Capability.TOKEN_ENDPOINT, Capability.INTERACTIVE_CONSENT).build();
        }

        @Override
        public ConsentRequest beginConsent(ProviderSettings settings, URI redirectUri) {
            String state = "state-" + settings.get("app-id");
            return ConsentRequest.redirect(URI.create(redirectUri + "?grant=" + GRANT + "&account=acme-7&state="
                    + state), state);
        }

        @Override
        public ConsentResult completeConsent(ConsentRequest request, URI callback) {
            if (!callback.getQuery().contains("state=" + request.state())) {
                throw new ConsentCallbackException(id(), ConsentCallbackException.Reason.STATE_MISMATCH, "wrong state");
            }
            return new ConsentResult(id(), Map.of("grant", Secret.of(GRANT)), Map.of("account", "acme-7"),
                    "Acme account acme-7");
        }
    }

    /** Collects the output and completes {@link #url} with the start URL once its line is printed. */
    private static final class UrlWatcher extends Writer {
        final CompletableFuture<URI> url = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            text.append(buffer, offset, length);
            Matcher found = START_URL.matcher(text);
            if (!url.isDone() && found.find()) {
                url.complete(URI.create(found.group(1)));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
