package dev.apiauth.provider.docoon;

import static dev.apiauth.provider.docoon.DocoonFixtures.API_KEY;
import static dev.apiauth.provider.docoon.DocoonFixtures.CLIENT_ID;
import static dev.apiauth.provider.docoon.DocoonFixtures.CLIENT_SECRET;
import static dev.apiauth.provider.docoon.DocoonFixtures.LOGIN;
import static dev.apiauth.provider.docoon.DocoonFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.Setting;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery, declared metadata and settings validation, per mode. */
class DocoonSettingsTest {
    private final DocoonProvider provider = new DocoonProvider();

    @Test
    void isDiscoveredWithServiceLoader() {
        AuthProvider discovered = AuthProviders.discover().get("docoon");

        assertThat(discovered).isInstanceOf(DocoonProvider.class);
        assertThat(discovered.id()).isEqualTo("docoon");
        assertThat(discovered.requestedSpiVersion()).isEqualTo(AuthProvider.SPI_VERSION);
    }

    @Test
    void declaresSettingsWithSecretsDefaultsAndModes() {
        ProviderInfo info = provider.info();

        assertThat(info.settings()).extracting(Setting::name).containsExactly("mode", "login", "password",
                "client-id", "client-secret", "client-auth-encoding", "api-key", "scope", "token-url", "api-base-url");
        assertThat(info.settings()).filteredOn(Setting::secret).extracting(Setting::name)
                .containsExactly("password", "client-secret", "api-key");
        assertThat(info.settings()).filteredOn(Setting::required).extracting(Setting::name).containsExactly("mode");
        assertThat(info.setting("mode").map(Setting::choices)).contains(List.of("basic", "password", "apikey"));
        assertThat(info.setting("scope").flatMap(Setting::defaultValue)).contains("OMS");
        assertThat(info.setting("token-url").flatMap(Setting::defaultValue))
                .contains("https://oauth.odyssey-services.fr/connect/token");
        assertThat(info.setting("api-base-url").flatMap(Setting::defaultValue))
                .contains("https://api.odyssey-services.fr/api/v1");
        assertThat(info.settings()).allSatisfy(setting -> assertThat(setting.description()).isNotBlank());
    }

    @Test
    void declaresCapabilitiesOfItsTokenModeAndDocumentation() {
        ProviderInfo info = provider.info();

        assertThat(info.displayName()).isEqualTo("Docoon (Odyssey services)");
        assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TOKEN_ENDPOINT,
                Capability.EXPIRING_TOKENS);
        assertThat(info.documentation()).isEqualTo(
                URI.create("https://docapi.docoon.com/odyssey-apis/our-rest-apis/connect-to-our-rest-api/"));
        assertThat(info.tokenRejectedStatuses()).containsExactly(401);
    }

    @Test
    void acceptsEachModeWithItsOwnSettings() {
        assertThat(Settings.of(DocoonFixtures.basic("https://api.odyssey-services.fr/api/v1")).validate(provider)
                .get("mode")).isEqualTo("basic");
        assertThat(Settings.of(DocoonFixtures.password("https://sandbox.odyssey-services.fr")).validate(provider)
                .get("mode")).isEqualTo("password");
        assertThat(Settings.of(DocoonFixtures.apiKey()).validate(provider).get("mode")).isEqualTo("apikey");
    }

    @Test
    void modeIsRequired() {
        InvalidSettingsException invalid = invalid(Map.of("login", LOGIN, "password", PASSWORD));

        assertThat(invalid.problems()).singleElement().asString().contains("'mode'", "APIAUTH_DOCOON_MODE");
    }

    @Test
    void unknownModeNamesTheThreeModes() {
        InvalidSettingsException invalid = invalid(Map.of("mode", "oauth2"));

        assertThat(invalid.problems()).singleElement().asString()
                .contains("'mode'", "'oauth2'", "[basic, password, apikey]");
    }

    @Test
    void passwordModeListsEveryMissingSettingAtOnce() {
        InvalidSettingsException invalid = invalid(Map.of("mode", "password", "login", LOGIN,
                "client-secret", CLIENT_SECRET));

        assertThat(invalid.problems()).hasSize(2);
        assertThat(invalid.problems().get(0)).contains("mode 'password'", "'client-id'");
        assertThat(invalid.problems().get(1)).contains("mode 'password'", "'password'");
        assertThat(invalid).hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void basicModeNeedsLoginAndPassword() {
        InvalidSettingsException invalid = invalid(Map.of("mode", "basic"));

        assertThat(invalid.problems()).hasSize(2);
        assertThat(invalid.problems().get(0)).contains("mode 'basic'", "'login'");
        assertThat(invalid.problems().get(1)).contains("mode 'basic'", "'password'");
    }

    @Test
    void apiKeyModeNeedsTheApiKey() {
        InvalidSettingsException invalid = invalid(Map.of("mode", "apikey"));

        assertThat(invalid.problems()).singleElement().asString().contains("mode 'apikey'", "'api-key'");
    }

    @Test
    void settingsOfAnotherModeAreReportedNotIgnored() {
        Map<String, String> values = new HashMap<>(DocoonFixtures.apiKey());
        values.put("login", LOGIN);
        values.put("client-secret", CLIENT_SECRET);
        values.put("token-url", "https://oauth.odyssey-services.fr/connect/token");

        InvalidSettingsException invalid = invalid(values);

        assertThat(invalid.problems()).containsExactly(
                "setting 'login' is not used in mode 'apikey' (only in basic and password); remove it or change 'mode'",
                "setting 'client-secret' is not used in mode 'apikey' (only in password); remove it or change 'mode'",
                "setting 'token-url' is not used in mode 'apikey' (only in password); remove it or change 'mode'");
        assertThat(invalid).hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void basicModeRejectsALoginWithAColon() {
        Map<String, String> values = DocoonFixtures.basic("https://api.odyssey-services.fr/api/v1");
        values.put("login", "55XXX:restAPITest");

        InvalidSettingsException invalid = invalid(values);

        assertThat(invalid.problems()).singleElement().asString().contains("'login'", "':'", "mode 'basic'");
    }

    @Test
    void passwordModeAllowsAColonInTheLoginBecauseItIsAFormField() {
        Map<String, String> values = DocoonFixtures.password("https://sandbox.odyssey-services.fr");
        values.put("login", "55XXX:restAPITest");

        assertThat(Settings.of(values).validate(provider).get("login")).isEqualTo("55XXX:restAPITest");
    }

    @Test
    void neverEchoesSecretsInValidationErrors() {
        Map<String, String> values = new HashMap<>(Map.of(
                "mode", "basic",
                "login", LOGIN,
                "password", PASSWORD,
                "client-id", CLIENT_ID,
                "client-secret", CLIENT_SECRET,
                "api-key", API_KEY));

        InvalidSettingsException invalid = invalid(values);

        assertThat(invalid.problems()).hasSize(3);
        assertThat(invalid).hasMessageNotContaining(PASSWORD)
                .hasMessageNotContaining(CLIENT_SECRET)
                .hasMessageNotContaining(API_KEY);
    }

    @Test
    void neverEchoesSecretsInPerSettingErrors() {
        InvalidSettingsException invalid = invalid(Map.of("mode", "apikey", "api_key", API_KEY,
                "token-url", "http://oauth.odyssey-services.fr/connect/token"));

        assertThat(invalid.problems()).as("per-setting problems and the mode rule, in one error").hasSize(3);
        assertThat(invalid).hasMessageContaining("did you mean 'api-key'?")
                .hasMessageContaining("plain http")
                .hasMessageContaining("mode 'apikey' needs setting 'api-key'")
                .hasMessageNotContaining(API_KEY);
    }

    private InvalidSettingsException invalid(Map<String, String> values) {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));
        assertThat(invalid).as("settings should be invalid").isNotNull();
        assertThat(invalid.providerId()).contains("docoon");
        return invalid;
    }
}
