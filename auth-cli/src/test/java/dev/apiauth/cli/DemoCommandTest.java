package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.AuthProviders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    private static final List<String> PROVIDERS = List.of("doo", "docplanner", "domo", "docoon", "dotypos");

    @TempDir
    Path home;

    @Test
    void takesEveryProviderThroughEveryStepAndPasses() {
        Cli.Result result = Cli.in(home).run("demo");

        assertThat(result.status()).as(result.toString()).isZero();
        List<String> rows = result.out().lines().skip(2).takeWhile(line -> !line.isBlank()).toList();
        assertThat(rows).hasSize(PROVIDERS.size() * DemoCommand.STEPS.size());
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            String step = DemoCommand.STEPS.get(i % DemoCommand.STEPS.size());
            String expectedProvider = i % DemoCommand.STEPS.size() == 0 ? PROVIDERS.get(i / DemoCommand.STEPS.size()) : "";
            assertThat(row).as(result.toString()).startsWith(String.format("%-10s  %-13s  pass", expectedProvider, step));
        }
        assertThat(result.out()).contains("All 30 of 30 steps passed.")
                .contains("HTTP 403; new token, retried once: HTTP 200")
                .contains("pace-requests=false")
                .doesNotContain("FAIL");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonReportsEveryStep() {
        Cli.Result result = Cli.in(home).run("demo", "--json", "--providers", "domo,dotypos");

        assertThat(result.status()).as(result.toString()).isZero();
        Map<String, Object> report = result.jsonObject();
        assertThat(report).containsEntry("passed", true);
        List<Map<String, Object>> steps = (List<Map<String, Object>>) report.get("steps");
        assertThat(steps).extracting(step -> step.get("provider") + " " + step.get("step") + " " + step.get("result"))
                .containsExactly(
                        "domo discovery pass", "domo token pass", "domo API call pass", "domo forced expiry pass",
                        "domo refresh pass", "domo 401 recovery pass",
                        "dotypos discovery pass", "dotypos token pass", "dotypos API call pass",
                        "dotypos forced expiry pass", "dotypos refresh pass", "dotypos 401 recovery pass");
        assertThat(steps).allSatisfy(step -> assertThat(step.get("millis")).isInstanceOf(Number.class));
    }

    @Test
    void aMissingProviderFailsItsDiscoverySkipsItsOtherStepsAndExitsWith1() {
        AuthProviders withoutDomo = AuthProviders.of(AuthProviders.discover().all().stream()
                .filter(provider -> !provider.id().equals("domo")).toList());

        Cli.Result result = Cli.in(home).withProviders(withoutDomo).run("demo", "--providers", "doo,domo");

        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).containsPattern("domo\\s+discovery\\s+FAIL\\s+\\S+\\s+no provider 'domo' on the class path")
                .containsPattern("\\s+401 recovery\\s+skipped\\s+skipped after the failure above")
                .contains("6 of 12 steps passed; see the FAIL rows.");
        assertThat(result.out().lines().filter(line -> line.contains(" pass "))).hasSize(6);
    }

    @Test
    void anUnknownProviderIsAUsageError() {
        Cli.Result result = Cli.in(home).run("demo", "--providers", "acme");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no simulated vendor 'acme'").contains("doo");
    }
}
