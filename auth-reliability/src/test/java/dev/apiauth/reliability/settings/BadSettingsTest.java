package dev.apiauth.reliability.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.reliability.support.LogCapture;
import dev.apiauth.reliability.support.Reports;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.reliability.support.Transcript;
import dev.apiauth.reliability.support.Vendor;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.InvalidSettingsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed settings for every provider, one row each: one {@link InvalidSettingsException} whose
 * problems name every bad setting (and only as many problems as the row has), with no secret value
 * echoed. The table goes to {@code target/reliability/bad-settings.md}.
 */
class BadSettingsTest {
    /** A secret value distinctive enough to spot if a message echoed it. */
    private static final String SECRET = "bad-" + TestSecrets.MARKER + "-value";
    private static final Map<String, String> ROWS = new ConcurrentHashMap<>();

    static {
        LogCapture.install();
    }

    static Stream<Row> rows() {
        return Stream.of(
                row(Vendor.DOO, "empty", Map.of(), "client-id", "client-secret", "api-key"),
                row(Vendor.DOO, "whitespace", Map.of("client-id", " ", "client-secret", "  ", "api-key", "\t"),
                        "client-id", "client-secret", "api-key"),
                row(Vendor.DOO, "wrong URL", account(Vendor.DOO, "token-url", "rest.doo.net/v1/oauth"), "token-url"),
                row(Vendor.DOO, "http:// host", account(Vendor.DOO, "api-base-url", "http://rest.doo.net/v1"),
                        "api-base-url"),
                row(Vendor.DOO, "non-numeric lifetime and budget",
                        account(Vendor.DOO, "max-token-age", "ten minutes", "requests-per-second", "fast"),
                        "max-token-age", "requests-per-second"),
                row(Vendor.DOO, "all at once", Map.of("client-id", "c", "client-secret", " ", "api-key", SECRET,
                        "token-url", "http://rest.doo.net/v1/oauth", "max-token-age", "-5s", "client_secret", SECRET),
                        "client-secret", "token-url", "max-token-age", "client_secret"),
                row(Vendor.DOCPLANNER, "empty", Map.of(), "client-id", "client-secret", "domain"),
                row(Vendor.DOCPLANNER, "whitespace", Map.of("client-id", " ", "client-secret", " ", "domain", " "),
                        "client-id", "client-secret", "domain"),
                row(Vendor.DOCPLANNER, "unknown domain", account(Vendor.DOCPLANNER, "domain", "doctoralia.xx"), "domain"),
                row(Vendor.DOCPLANNER, "wrong URL",
                        account(Vendor.DOCPLANNER, "token-url", "https//www.doctoralia.es/oauth/v2/token"), "token-url"),
                row(Vendor.DOCPLANNER, "http:// host",
                        account(Vendor.DOCPLANNER, "token-url", "http://www.doctoralia.es/oauth/v2/token"), "token-url"),
                row(Vendor.DOCPLANNER, "port out of range",
                        account(Vendor.DOCPLANNER, "token-url", "https://www.doctoralia.es:99999/oauth/v2/token"),
                        "token-url"),
                row(Vendor.DOCPLANNER, "all at once", account(Vendor.DOCPLANNER, "domain", "znanylekarz.com",
                        "client-authentication", "header", "api-base-url", "ftp://www.doctoralia.es/api"),
                        "domain", "client-authentication", "api-base-url"),
                row(Vendor.DOMO, "empty", Map.of(), "client-id", "client-secret"),
                row(Vendor.DOMO, "whitespace", Map.of("client-id", "\n", "client-secret", " "), "client-id",
                        "client-secret"),
                row(Vendor.DOMO, "unknown scope", account(Vendor.DOMO, "scope", "data admin"), "scope"),
                row(Vendor.DOMO, "wrong URL", account(Vendor.DOMO, "api-base-url", "api.domo.com"), "api-base-url"),
                row(Vendor.DOMO, "http:// host", account(Vendor.DOMO, "token-url", "http://api.domo.com/oauth/token"),
                        "token-url"),
                row(Vendor.DOMO, "token URL with its own query",
                        account(Vendor.DOMO, "token-url", "https://api.domo.com/oauth/token?grant_type=password"),
                        "token-url"),
                row(Vendor.DOMO, "all at once", account(Vendor.DOMO, "scope", "data,everything", "token-method", "put",
                        "token-url", "http://api.domo.com/oauth/token"), "scope", "token-method", "token-url"),
                row(Vendor.DOCOON, "empty", Map.of(), "mode"),
                row(Vendor.DOCOON, "whitespace", Map.of("mode", "password", "client-id", " ", "client-secret", " ",
                        "login", " ", "password", " "), "client-id", "client-secret", "login", "password"),
                row(Vendor.DOCOON, "unknown mode", account(Vendor.DOCOON, "mode", "oauth"), "mode"),
                row(Vendor.DOCOON, "wrong URL",
                        account(Vendor.DOCOON, "token-url", "oauth.odyssey-services.fr/connect/token"), "token-url"),
                row(Vendor.DOCOON, "http:// host",
                        account(Vendor.DOCOON, "token-url", "http://oauth.odyssey-services.fr/connect/token"),
                        "token-url"),
                row(Vendor.DOCOON, "mode basic with password-grant settings and a ':' login",
                        Map.of("mode", "basic", "login", "a:b", "password", SECRET, "client-id", "x"),
                        "client-id", "login"),
                row(Vendor.DOTYPOS, "whitespace", Map.of("refresh-token", "   ", "cloud-id", " "), "refresh-token",
                        "cloud-id"),
                row(Vendor.DOTYPOS, "refresh token with a 'User ' prefix",
                        Map.of("refresh-token", "User " + SECRET, "cloud-id", "319713"), "refresh-token"),
                row(Vendor.DOTYPOS, "wrong URL",
                        account(Vendor.DOTYPOS, "token-url", "api.dotykacka.cz/v2/signin/token"), "token-url"),
                row(Vendor.DOTYPOS, "http:// host",
                        account(Vendor.DOTYPOS, "connect-url", "http://admin.dotykacka.cz/client/connect"),
                        "connect-url"),
                row(Vendor.DOTYPOS, "non-numeric cloud id sent as a number, unknown consent flavour",
                        account(Vendor.DOTYPOS, "cloud-id-as-number", "true", "cloud-id", "bistro",
                                "consent-flavour", "v3"), "cloud-id-as-number", "consent-flavour"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void malformedSettingsGiveOneErrorNamingEveryProblemWithoutSecrets(Row row) {
        Vendor vendor = row.vendor();
        String description = row.description();
        List<String> named = row.named();
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(row.settings()).validate(vendor.provider()));
        if (invalid == null && row.bug() != null && row.buggyCount() == 0) {
            ROWS.put(vendor.ordinal() + "/" + description, "| " + vendor.id() + " | " + description
                    + " | **bug**: accepted | " + String.join(", ", named) + " |");
            Assumptions.abort("bug: " + row.bug());
        }

        assertThat(invalid).as("an InvalidSettingsException").isNotNull();
        Transcript.record(vendor.id() + " bad settings: " + description, invalid);
        assertThat(invalid.getMessage()).doesNotContain(SECRET);
        for (String setting : named) {
            assertThat(invalid.problems()).as("a problem naming '%s'", setting)
                    .anyMatch(problem -> problem.contains("'" + setting + "'"));
        }
        if (row.bug() != null && invalid.problems().size() == row.buggyCount()) {
            ROWS.put(vendor.ordinal() + "/" + description, "| " + vendor.id() + " | " + description + " | **bug**: "
                    + invalid.problems().size() + " for " + named.size() + " | " + String.join(", ", named) + " |");
            Assumptions.abort("bug: " + row.bug());
        }
        assertThat(invalid.problems()).as("one problem per bad setting").hasSize(named.size());
        invalid.problems().forEach(problem -> assertThat(invalid.getMessage()).contains(problem));
        ROWS.put(vendor.ordinal() + "/" + description, "| " + vendor.id() + " | " + description + " | "
                + invalid.problems().size() + " | " + String.join(", ", named) + " |");
    }

    @Test
    void dotyposWithoutSettingsIsValidAndAsksForConsentOnFirstUse() {
        // All Dotypos settings are optional: the refresh token may come from the secret store later.
        try (Credentials credentials = Credentials.builder(Vendor.DOTYPOS.provider()).settings(Map.of()).build()) {
            InteractionRequiredException consent = catchThrowableOfType(InteractionRequiredException.class,
                    credentials::token);
            assertThat(consent).isNotNull();
            assertThat(consent).hasMessageContaining("authctl connect dotypos");
            Transcript.record("dotypos empty settings", consent);
        }
        ROWS.put(Vendor.DOTYPOS.ordinal() + "/empty", "| dotypos | empty | 0 (valid: all optional; the first"
                + " token request throws InteractionRequiredException naming `authctl connect dotypos`) | – |");
    }

    @AfterAll
    static void writeTable() {
        StringBuilder table = new StringBuilder("| provider | malformed settings | problems in the one error |"
                + " settings named |\n|---|---|---|---|\n");
        ROWS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> table.append(entry.getValue()).append('\n'));
        Reports.write("bad-settings.md", table.toString());
    }

    private static Row row(Vendor vendor, String description, Map<String, String> settings, String... named) {
        return new Row(vendor, description, settings, List.of(named), null, 0);
    }

    /**
     * One table row: the settings, the settings the error must name, and a known bug if any (with
     * the problem count it shows; 0 when the settings are wrongly accepted).
     */
    record Row(Vendor vendor, String description, Map<String, String> settings, List<String> named, String bug,
            int buggyCount) {
        Row knownBug(int count, String description) {
            return new Row(vendor, this.description, settings, named, description, count);
        }

        @Override
        public String toString() {
            return vendor.id() + ": " + description;
        }
    }

    /** The vendor's valid account with some settings replaced. */
    private static Map<String, String> account(Vendor vendor, String... namesAndValues) {
        Map<String, String> settings = new LinkedHashMap<>(vendor.settings("https://token.example.test"));
        settings.remove("token-url");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            settings.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return settings;
    }
}
