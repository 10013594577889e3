package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersCommandTest {
    @TempDir
    Path home;

    @Test
    void listsEveryDiscoveredProviderWithItsSettings() {
        Cli.Result result = Cli.in(home).run("providers", "--wide");

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out().lines().skip(2).map(line -> line.split("\\s+")[0]).filter(id -> !id.isEmpty())
                .limit(5).toList()).containsExactly("docoon", "docplanner", "domo", "doo", "dotypos");
        assertThat(result.out()).contains("client-id*, client-secret*, api-key*, api-base-url")
                .contains("interactive-consent");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonListsProvidersWithSettingFlags() {
        Cli.Result result = Cli.in(home).run("providers", "--json");

        assertThat(result.status()).as(result.toString()).isZero();
        List<Map<String, Object>> providers = (List<Map<String, Object>>) result.json();
        assertThat(providers).extracting(provider -> provider.get("id"))
                .containsExactly("docoon", "docplanner", "domo", "doo", "dotypos");
        Map<String, Object> doo = providers.get(3);
        List<Map<String, Object>> settings = (List<Map<String, Object>>) doo.get("settings");
        assertThat(settings).filteredOn(setting -> setting.get("name").equals("api-key")).singleElement()
                .satisfies(apiKey -> {
                    assertThat(apiKey).containsEntry("required", true).containsEntry("secret", true)
                            .containsEntry("environmentVariable", "APIAUTH_DOO_API_KEY");
                });
        assertThat(settings).filteredOn(setting -> setting.get("name").equals("requests-per-second")).singleElement()
                .satisfies(rate -> assertThat(rate).containsEntry("required", false).containsEntry("default", "1"));
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("providers", "describe", "token", "request", "connect", "tck", "demo", "simulate",
                "completion")) {
            Cli.Result result = Cli.in(home).run(command, "--help");
            assertThat(result.status()).as(command + ": " + result).isZero();
            assertThat(result.out()).as(command).startsWith("Usage: authctl " + command);
        }
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Cli.Result result = Cli.in(home).run("token", "--help");

        assertThat(result.out()).contains("Exit codes:")
                .contains("3   invalid or missing settings")
                .contains("4   the vendor rejected the credentials")
                .contains("5   transient failure")
                .contains("6   a person must act first");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.in(home).run();

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("a command is needed").contains("providers").contains("demo");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result result = Cli.in(home).run("tokens", "domo");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("tokens");
    }
}
