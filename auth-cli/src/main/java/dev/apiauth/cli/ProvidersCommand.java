package dev.apiauth.cli;

import dev.apiauth.core.transport.JacksonJson;
import dev.apiauth.spi.AuthProvider;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authctl providers}: the providers found on the class path and their settings. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List the providers found on the class path with their settings (* = required).")
final class ProvidersCommand extends BaseCommand {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    protected int run() {
        List<AuthProvider> providers = List.copyOf(root.providers().all());
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
        table.print(out());
        out().println();
        out().println("Details of one provider: authctl describe <id>");
        return ExitCodes.OK;
    }
}
