package dev.apiauth.cli;

import dev.apiauth.core.Settings;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.Setting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code authctl describe <id>}: everything a provider declares. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Show one provider's settings (name, required, secret, default, description), capabilities,"
                + " documentation link and declared rate limits.",
                "The text fits the terminal (COLUMNS, else 100 characters), wrapping long cells; --wide prints one"
                        + " line per setting."})
final class DescribeCommand extends BaseCommand {
    @Parameters(paramLabel = "PROVIDER", description = "Provider id, e.g. domo (see: authctl providers).")
    String providerId;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--wide", description = "Do not wrap text to the terminal width: one line per setting.")
    boolean wide;

    @Mixin
    ClassPathOption classPath;

    @Override
    protected int run() {
        try (ClassPathOption jars = classPath) {
            return describe(jars.providers(root).get(providerId));
        }
    }

    private int describe(AuthProvider provider) {
        int width = wide ? Integer.MAX_VALUE : root.terminalWidth();
        if (json) {
            out().println(JacksonJson.INSTANCE.write(ProviderViews.details(provider)));
            return ExitCodes.OK;
        }
        ProviderInfo info = provider.info();
        Map<String, String> about = new LinkedHashMap<>();
        about.put("Provider", provider.id() + " (" + info.displayName() + ")");
        about.put("Documentation", info.documentation().toString());
        about.put("Capabilities", ProviderViews.capabilities(info.capabilities()));
        about.put("Rate limits", info.rateLimits().isEmpty() ? "none declared"
                : info.rateLimits().stream().map(ProviderViews::rateLimit).collect(Collectors.joining(", ")));
        about.put("Token expired", "HTTP " + info.tokenRejectedStatuses().stream().map(String::valueOf)
                .collect(Collectors.joining(" or ")) + " from the API (the engine then fetches a new token once)");
        Table.printPairs(out(), about, width);
        out().println();
        Table settings = new Table("SETTING", "REQUIRED", "SECRET", "DEFAULT", "DESCRIPTION");
        for (Setting setting : info.settings()) {
            String defaultValue = ProviderViews.defaultValue(setting);
            String choices = setting.choices().isEmpty() ? ""
                    : " (" + (setting.kind() == Setting.Kind.CHOICE ? "one of: " : "any of: ")
                            + String.join(", ", setting.choices()) + ")";
            settings.row(setting.name(), setting.required() ? "yes" : "no", setting.secret() ? "yes" : "no",
                    defaultValue == null ? "-" : defaultValue, setting.description() + choices);
        }
        settings.print(out(), width);
        out().println();
        out().println("From the environment: " + Settings.environmentVariable(provider.id(), "<setting>")
                + ", e.g. " + (info.settings().isEmpty() ? "-"
                        : Settings.environmentVariable(provider.id(), info.settings().get(0).name())));
        return ExitCodes.OK;
    }
}
