package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --json}, a failure is a JSON document on standard output too. */
class JsonFailureTest {
    @TempDir
    Path home;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Cli.Result result) {
        return (Map<String, Object>) result.jsonObject().get("error");
    }

    @Test
    @SuppressWarnings("unchecked")
    void invalidSettingsListEveryProblemWithoutTheSecret() {
        Cli.Result result = Cli.in(home).run("token", "docplanner", "--json", "--set", "client-id=10495_3tq6k2",
                "--set", "client-secret=dp-s3cr3t-4f8a-77c1", "--set", "scopes=integration");

        assertThat(result.status()).isEqualTo(ExitCodes.INVALID_SETTINGS);
        Map<String, Object> error = error(result);
        assertThat(error).containsEntry("exitCode", 3).containsEntry("kind", "invalid-settings")
                .containsEntry("provider", "docplanner");
        assertThat((List<String>) error.get("problems")).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("unknown setting 'scopes'"))
                .anySatisfy(problem -> assertThat(problem).contains("missing required setting 'domain'"));
        assertThat(result.out()).doesNotContain("dp-s3cr3t-4f8a-77c1");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anUnknownProviderIsAJsonUsageError() {
        Cli.Result result = Cli.in(home).run("describe", "dooo", "--json");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(error(result)).containsEntry("kind", "usage").containsEntry("exitCode", 2)
                .hasEntrySatisfying("message", message -> assertThat((String) message).contains("dooo"));
    }

    @Test
    void aRefusedConnectionIsJsonAndTransient() {
        Cli.Result result = Cli.in(home).run("request", "domo", "http://127.0.0.1:1/v1/users", "--json",
                "--set", "client-id=abc", "--set", "client-secret=0123456789abcdef",
                "--set", "token-url=http://127.0.0.1:1/oauth/token");

        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCodes.TRANSIENT);
        assertThat(error(result)).containsEntry("kind", "transient").containsEntry("provider", "domo");
    }

    @Test
    void anUnknownOptionOfAJsonRunIsJson() {
        Cli.Result result = Cli.in(home).run("providers", "--json", "--bogus");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(error(result)).containsEntry("kind", "usage")
                .hasEntrySatisfying("message", message -> assertThat((String) message).contains("--bogus"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void withoutJsonFailuresStayTextOnStandardError() {
        Cli.Result result = Cli.in(home).run("describe", "dooo");

        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("authctl: ");
    }
}
