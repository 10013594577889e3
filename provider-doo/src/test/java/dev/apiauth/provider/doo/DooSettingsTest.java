package dev.apiauth.provider.doo;

import static dev.apiauth.provider.doo.DooFixtures.API_KEY;
import static dev.apiauth.provider.doo.DooFixtures.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery, declared metadata and settings validation. */
class DooSettingsTest {
    private final DooProvider provider = new DooProvider();

    @Test
    void isDiscoveredWithServiceLoader() {
        AuthProvider discovered = AuthProviders.discover().get("doo");

        assertThat(discovered).isInstanceOf(DooProvider.class);
        assertThat(discovered.id()).isEqualTo("doo");
        assertThat(discovered.requestedSpiVersion()).isEqualTo(AuthProvider.SPI_VERSION);
    }

    @Test
    void declaresSettingsWithSecretsAndDefaults() {
        var info = provider.info();

        assertThat(info.settings()).extracting(Setting::name).containsExactly("client-id", "client-secret",
                "api-key", "api-base-url", "token-url", "max-token-age", "requests-per-second", "requests-per-day",
                "pace-requests");
        assertThat(info.settings()).filteredOn(Setting::secret).extracting(Setting::name)
                .containsExactly("client-secret", "api-key");
        assertThat(info.settings()).filteredOn(Setting::required).extracting(Setting::name)
                .containsExactly("client-id", "client-secret", "api-key");
        assertThat(info.setting("api-base-url").flatMap(Setting::defaultValue)).contains("https://rest.doo.net/v1");
        assertThat(info.setting("requests-per-second").flatMap(Setting::defaultValue)).contains("1");
        assertThat(info.setting("requests-per-day").flatMap(Setting::defaultValue)).contains("1000");
        assertThat(info.setting("pace-requests").flatMap(Setting::defaultValue)).contains("true");
        assertThat(info.setting("token-url").map(Setting::kind)).contains(Setting.Kind.URL);
        assertThat(info.setting("max-token-age").map(Setting::kind)).contains(Setting.Kind.DURATION);
        assertThat(info.settings()).allSatisfy(setting -> assertThat(setting.description()).isNotBlank());
    }

    @Test
    void declaresDocumentedLimitsCapabilitiesAndDocumentation() {
        var info = provider.info();

        assertThat(info.displayName()).isEqualTo("doo");
        assertThat(info.rateLimits()).containsExactly(RateLimit.of(1, Duration.ofSeconds(1)),
                RateLimit.of(1000, Duration.ofDays(1)));
        assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TOKEN_ENDPOINT,
                Capability.EXPIRING_TOKENS);
        assertThat(info.documentation()).isEqualTo(
                URI.create("https://viovendi.atlassian.net/wiki/spaces/API/pages/36929656/Authorization"));
        assertThat(info.tokenRejectedStatuses()).containsExactly(401);
    }

    @Test
    void listsEveryMissingRequiredSettingAtOnce() {
        InvalidSettingsException invalid = invalid(Map.of());

        assertThat(invalid.problems()).hasSize(3);
        assertThat(invalid.problems().get(0)).contains("'client-id'", "APIAUTH_DOO_CLIENT_ID");
        assertThat(invalid.problems().get(1)).contains("'client-secret'");
        assertThat(invalid.problems().get(2)).contains("'api-key'", "APIAUTH_DOO_API_KEY");
    }

    @Test
    void neverEchoesSecretsInValidationErrors() {
        InvalidSettingsException invalid = invalid(Map.of(
                "client-id", "ticket-shop",
                "client-secret", CLIENT_SECRET,
                "api-key", API_KEY,
                "token-url", "http://rest.doo.net/v1/oauth",
                "requests-per-day", "lots",
                "apiKey", API_KEY));

        assertThat(invalid.problems()).hasSize(3);
        assertThat(invalid).hasMessageContaining("'token-url'").hasMessageContaining("use https")
                .hasMessageContaining("'requests-per-day'")
                .hasMessageContaining("unknown setting 'apiKey'")
                .hasMessageNotContaining(CLIENT_SECRET)
                .hasMessageNotContaining(API_KEY);
    }

    @Test
    void rejectsBudgetsBelowOne() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of("requests-per-second", "0",
                "requests-per-day", "-5")));

        assertThat(invalid.problems()).containsExactly(
                "setting 'requests-per-second' must be at least 1; to stop pacing set 'pace-requests' to false instead",
                "setting 'requests-per-day' must be at least 1; to stop pacing set 'pace-requests' to false instead");
    }

    @Test
    void rejectsZeroMaxTokenAge() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of("max-token-age", "0s")));

        assertThat(invalid.problems()).singleElement().asString()
                .contains("'max-token-age'", "longer than zero");
    }

    @Test
    void acceptsDocumentedAlternativeHosts() {
        assertThat(Settings.of(withRequired(Map.of("api-base-url", "https://integration.doo.net/v1")))
                .validate(provider).get("api-base-url")).isEqualTo("https://integration.doo.net/v1");
    }

    private InvalidSettingsException invalid(Map<String, String> values) {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));
        assertThat(invalid).as("settings should be invalid").isNotNull();
        assertThat(invalid.providerId()).contains("doo");
        return invalid;
    }

    private static Map<String, String> withRequired(Map<String, String> extra) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "client-id", "ticket-shop", "client-secret", CLIENT_SECRET, "api-key", API_KEY));
        values.putAll(extra);
        return values;
    }
}
