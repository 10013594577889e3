package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeCommandTest {
    @TempDir
    Path home;

    @Test
    void showsSettingsCapabilitiesDocumentationAndRateLimits() {
        Cli.Result result = Cli.in(home).run("describe", "doo");

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("https://viovendi.atlassian.net/wiki/spaces/API/pages/36929656/Authorization")
                .contains("token-endpoint, expiring-tokens")
                .contains("1 per second, 1000 per day")
                .contains("APIAUTH_DOO_CLIENT_ID");
        assertThat(result.out().lines().filter(line -> line.startsWith("api-key "))).singleElement()
                .satisfies(line -> assertThat(line.split("\\s{2,}")).startsWith("api-key", "yes", "yes", "-"));
        assertThat(result.out().lines().filter(line -> line.startsWith("requests-per-second "))).singleElement()
                .satisfies(line -> assertThat(line.split("\\s{2,}")).startsWith("requests-per-second", "no", "no", "1"));
    }

    @Test
    void listsTheChoicesOfAChoiceSetting() {
        Cli.Result result = Cli.in(home).run("describe", "domo", "--wide");

        assertThat(result.out().lines().filter(line -> line.startsWith("token-method "))).singleElement()
                .satisfies(line -> assertThat(line).contains("(one of: get, post)"));
        assertThat(result.out()).contains("Rate limits    none declared");
    }

    @Test
    void showsDotyposTreatsA403AsAnExpiredToken() {
        Cli.Result result = Cli.in(home).run("describe", "dotypos");

        assertThat(result.out()).contains("HTTP 401 or 403").contains("interactive-consent");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonCarriesRateLimitsAndSettings() {
        Cli.Result result = Cli.in(home).run("describe", "doo", "--json");

        assertThat(result.status()).as(result.toString()).isZero();
        Map<String, Object> doo = result.jsonObject();
        assertThat(doo).containsEntry("id", "doo").containsEntry("tokenRejectedStatuses", List.of(401));
        assertThat((List<Map<String, Object>>) doo.get("rateLimits")).extracting(limit -> limit.get("text"))
                .containsExactly("1 per second", "1000 per day");
        assertThat((List<Map<String, Object>>) doo.get("settings")).extracting(setting -> setting.get("name"))
                .startsWith("client-id", "client-secret", "api-key");
    }

    @Test
    void unknownProviderListsTheKnownIdsAndExitsWithUsageError() {
        Cli.Result result = Cli.in(home).run("describe", "dooo");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("no provider with id 'dooo'")
                .contains("[docoon, docplanner, domo, doo, dotypos]");
    }
}
