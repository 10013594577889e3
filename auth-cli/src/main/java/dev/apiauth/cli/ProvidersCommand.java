package dev.apiauth.cli;

import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AuthProvider;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code authctl providers}: the providers found on the class path and their settings. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = {"List the providers found on the class path with their settings (* = required).",
                "The table fits the terminal (COLUMNS, else 100 characters), wrapping long cells; --wide prints"
                        + " one line per provider."})
final class ProvidersCommand extends BaseCommand {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--wide", description = "Do not wrap cells to the terminal width: one line per provider.")
    boolean wide;

    @Mixin
    ClassPathOption classPath;

    @Override
    protected int run() {
        try (ClassPathOption jars = classPath) {
            return list(List.copyOf(jars.providers(root).all()));
        }
    }

    private int list(List<AuthProvider> providers) {
        if (json) {
            List<Object> views = new ArrayList<>();
            providers.forEach(provider -> views.add(ProviderViews.summary(provider)));
            out().println(JacksonJson.INSTANCE.write(views));
            return ExitCodes.OK;
        }
        if (providers.isEmpty()) {
            out().println("No providers on the class path; add a provider jar such as provider-domo.");
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "NAME", "CAPABILITIES", "SETTINGS (* required)");
        providers.forEach(provider -> table.row(provider.id(), provider.info().displayName(),
                ProviderViews.capabilities(provider.info().capabilities()),
                ProviderViews.settingNames(provider.info())));
        if (wide) {
            table.print(out());
        } else {
            table.print(out(), root.terminalWidth());
        }
        out().println();
        out().println("Details of one provider: authctl describe <id>");
        return ExitCodes.OK;
    }
}
