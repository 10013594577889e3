package dev.apiauth.cli;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.internal.Loopback;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.internal.SettingValues;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authctl request <id> <url>}: one authorized GET through the engine's HttpClient 5
 * handler, which adds the credentials and, after a 401 (or the provider's other "token expired"
 * status), fetches a new token and retries once.
 */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Make an authorized GET and print the response status and body. After a 401 (Dotypos: also"
                + " 403) the request is retried once with a new token. Redirects are not followed.",
                "Settings as for `authctl token`."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE,
                ExitCodes.INVALID_SETTINGS_LINE, ExitCodes.CREDENTIALS_REJECTED_LINE, ExitCodes.TRANSIENT_LINE,
                ExitCodes.INTERACTION_REQUIRED_LINE, ExitCodes.API_ERROR_LINE})
final class RequestCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "PROVIDER", description = "Provider id, e.g. domo.")
    String providerId;

    @Parameters(index = "1", paramLabel = "URL", description = "The API URL to GET (https; http only to localhost).")
    String url;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Connect and response timeout of the API request, e.g. 10s or PT1M. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Option(names = "--json", description = "Print JSON: status, content type and body (parsed when it is JSON).")
    boolean json;

    @Override
    protected int run() throws IOException {
        URI target = checkedUrl(url);
        Duration limit = SettingValues.parseDuration(timeout).filter(value -> !value.isZero()).orElseThrow(() ->
                new CliException(ExitCodes.USAGE, "--timeout '" + timeout + "' is not a duration; e.g. 10s, 1m, PT30S"));
        AuthProvider provider = root.providers().get(providerId);
        try (Credentials credentials = Accounts.open(root, provider, settings);
                CloseableHttpClient client = client(credentials, limit)) {
            progress(json, "GET " + target + "…");
            HttpGet get = new HttpGet(target);
            return client.execute(get, response -> {
                HttpEntity entity = response.getEntity();
                String body = entity == null ? "" : EntityUtils.toString(entity, charset(entity));
                String contentType = entity == null ? null : entity.getContentType();
                int status = response.getCode();
                if (json) {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("provider", provider.id());
                    view.put("url", target.toString());
                    view.put("status", status);
                    view.put("contentType", contentType);
                    Header location = response.getFirstHeader("Location");
                    if (location != null) {
                        view.put("location", location.getValue());
                    }
                    view.put("body", jsonOrText(contentType, body));
                    out().println(JacksonJson.INSTANCE.write(view));
                } else {
                    out().println("HTTP " + status + (response.getReasonPhrase() == null ? ""
                            : " " + response.getReasonPhrase()));
                    Header location = response.getFirstHeader("Location");
                    if (location != null) {
                        out().println("Location: " + location.getValue());
                    }
                    if (!body.isEmpty()) {
                        out().println(body.endsWith("\n") ? body.substring(0, body.length() - 1) : body);
                    }
                }
                return status >= 200 && status < 300 ? ExitCodes.OK : ExitCodes.API_ERROR;
            });
        } catch (IOException e) {
            throw new CliException(ExitCodes.TRANSIENT, "GET " + target + " failed: " + e, e);
        }
    }

    private static CloseableHttpClient client(Credentials credentials, Duration limit) {
        Timeout timeout = Timeout.ofMilliseconds(limit.toMillis());
        return AuthExecChainHandler.install(HttpClients.custom(), credentials)
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                // The JVM's proxy properties, as for the token request (java -Dhttps.proxyHost=… -jar authctl.jar).
                .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
                // A redirect is shown, not followed: the user decides whether the new host gets a request.
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .build();
    }

    /** An absolute http(s) URL; plain http only to loopback, so credentials never cross a network in clear. */
    static URI checkedUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new CliException(ExitCodes.USAGE, "'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new CliException(ExitCodes.USAGE, "'" + text + "' is not an absolute http(s) URL such as"
                    + " https://api.example.com/v1/items");
        }
        if (scheme.equals("http") && !Loopback.isLoopbackHost(uri.getHost())) {
            throw new CliException(ExitCodes.USAGE, "refusing to send credentials over plain http to " + uri.getHost()
                    + "; use https (plain http is allowed only to localhost)");
        }
        return uri;
    }

    private static Charset charset(HttpEntity entity) {
        try {
            ContentType type = ContentType.parse(entity.getContentType());
            return type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static Object jsonOrText(String contentType, String body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json") && !body.isBlank()) {
            try {
                return JacksonJson.INSTANCE.parse(body);
            } catch (IllegalArgumentException e) {
                return body;
            }
        }
        return body;
    }
}
