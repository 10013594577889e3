package dev.apiauth.cli;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code authctl token <id>}: fetches a token and prints the headers an authorized request carries. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Fetch a token and print the headers an authorized request carries (Authorization, and e.g."
                + " doo's x-api-key), with the credentials masked unless --reveal.",
                "Settings come from environment variables APIAUTH_<PROVIDER>_<SETTING>, then --settings-file, then"
                        + " --set (each overriding the one before)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE,
                ExitCodes.INVALID_SETTINGS_LINE, ExitCodes.CREDENTIALS_REJECTED_LINE, ExitCodes.TRANSIENT_LINE,
                ExitCodes.INTERACTION_REQUIRED_LINE})
final class TokenCommand extends BaseCommand {
    @Parameters(paramLabel = "PROVIDER", description = "Provider id, e.g. domo (see: authctl providers).")
    String providerId;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--reveal", description = "Print the credentials in full instead of masked.")
    boolean reveal;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    protected int run() {
        AuthProvider provider = root.providers().get(providerId);
        try (Credentials credentials = Accounts.open(root, provider, settings)) {
            progress(json, "Fetching a token for " + provider.id() + "…");
            Authorization authorization = credentials.authorization();
            AccessToken token = authorization.token();
            Map<String, String> headers = Masking.headers(authorization.headers(), reveal);
            if (json) {
                out().println(JacksonJson.INSTANCE.write(view(provider.id(), token, headers)));
            } else {
                headers.forEach((name, value) -> out().println(name + ": " + value));
                out().println();
                Map<String, String> details = new LinkedHashMap<>();
                details.put("Type", token.type());
                details.put("Issued", token.issuedAt().toString());
                details.put("Expires", token.expiresAt().map(TokenCommand::expiry)
                        .orElse("unknown (kept until the API rejects it)"));
                if (!token.scopes().isEmpty()) {
                    details.put("Scopes", String.join(" ", token.scopes()));
                }
                token.attributes().forEach((name, value) -> details.put(name, String.valueOf(value)));
                Table.printPairs(out(), details);
                if (!reveal) {
                    err().println("(credentials masked; add --reveal to print them in full)");
                }
            }
        }
        return ExitCodes.OK;
    }

    private static String expiry(Instant expiresAt) {
        Duration left = Duration.between(Instant.now(), expiresAt);
        return expiresAt + (left.isNegative() ? " (expired)" : " (in " + Durations.human(left) + ")");
    }

    private Map<String, Object> view(String id, AccessToken token, Map<String, String> headers) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", id);
        view.put("masked", !reveal);
        view.put("headers", headers);
        view.put("tokenType", token.type());
        view.put("issuedAt", token.issuedAt().toString());
        view.put("expiresAt", token.expiresAt().map(Instant::toString).orElse(null));
        view.put("lifetimeSeconds", token.lifetime().map(Duration::toSeconds).orElse(null));
        view.put("scopes", List.copyOf(token.scopes()));
        Map<String, Object> attributes = new LinkedHashMap<>();
        token.attributes().forEach((name, value) -> attributes.put(name,
                value instanceof Number || value instanceof Boolean ? value : String.valueOf(value)));
        view.put("attributes", attributes);
        return view;
    }
}
