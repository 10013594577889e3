package dev.apiauth.provider.docplanner;

import static dev.apiauth.provider.docplanner.DocplannerFixtures.CLIENT_ID;
import static dev.apiauth.provider.docplanner.DocplannerFixtures.CLIENT_SECRET;
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

/** Discovery, declared metadata and settings validation. */
class DocplannerSettingsTest {
    private static final List<String> DOCUMENTED_DOMAINS = List.of("doctoraliar.com", "doctoralia.com.br",
            "doctoralia.cl", "doctoralia.co", "znamylekar.cz", "doctoralia.es", "miodottore.it", "doctoralia.mx",
            "doctoralia.pe", "doctoralia.com.pt", "doktortakvimi.com", "znanylekarz.pl", "jameda.de");

    private final DocplannerProvider provider = new DocplannerProvider();

    @Test
    void isDiscoveredWithServiceLoader() {
        AuthProvider discovered = AuthProviders.discover().get("docplanner");

        assertThat(discovered).isInstanceOf(DocplannerProvider.class);
        assertThat(discovered.id()).isEqualTo("docplanner");
        assertThat(discovered.requestedSpiVersion()).isEqualTo(AuthProvider.SPI_VERSION);
    }

    @Test
    void declaresSettingsWithSecretsDefaultsAndChoices() {
        ProviderInfo info = provider.info();

        assertThat(info.settings()).extracting(Setting::name).containsExactly("client-id", "client-secret",
                "domain", "client-authentication", "client-auth-encoding", "scope", "token-url", "api-base-url");
        assertThat(info.settings()).filteredOn(Setting::secret).extracting(Setting::name)
                .containsExactly("client-secret");
        assertThat(info.settings()).filteredOn(Setting::required).extracting(Setting::name)
                .containsExactly("client-id", "client-secret", "domain");
        assertThat(info.setting("domain").map(Setting::choices)).contains(DOCUMENTED_DOMAINS);
        assertThat(info.setting("client-authentication").map(Setting::choices)).contains(List.of("basic", "body"));
        assertThat(info.setting("client-authentication").flatMap(Setting::defaultValue)).contains("basic");
        assertThat(info.setting("scope").flatMap(Setting::defaultValue)).contains("integration");
        assertThat(info.setting("token-url").map(Setting::kind)).contains(Setting.Kind.URL);
        assertThat(info.setting("api-base-url").map(Setting::kind)).contains(Setting.Kind.URL);
        assertThat(info.settings()).allSatisfy(setting -> assertThat(setting.description()).isNotBlank());
    }

    @Test
    void declaresCapabilitiesAndDocumentation() {
        ProviderInfo info = provider.info();

        assertThat(info.displayName()).isEqualTo("Docplanner");
        assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TOKEN_ENDPOINT,
                Capability.EXPIRING_TOKENS);
        assertThat(info.documentation()).isEqualTo(
                URI.create("https://integrations.docplanner.com/guide/fundamentals/authorization.html"));
        assertThat(info.tokenRejectedStatuses()).containsExactly(401);
    }

    @Test
    void unknownDomainListsTheThirteenDomains() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of("domain", "doctoralia.fr")));

        assertThat(invalid.problems()).singleElement().asString()
                .contains("'domain'", "'doctoralia.fr'")
                .contains(DOCUMENTED_DOMAINS);
    }

    @Test
    void domainIsTheBareHostSuffix() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of("domain", "www.znanylekarz.pl")));

        assertThat(invalid.problems()).singleElement().asString().contains("'www.znanylekarz.pl'", "znanylekarz.pl");
    }

    @Test
    void listsEveryMissingRequiredSettingAtOnce() {
        InvalidSettingsException invalid = invalid(Map.of());

        assertThat(invalid.problems()).hasSize(3);
        assertThat(invalid.problems().get(0)).contains("'client-id'", "APIAUTH_DOCPLANNER_CLIENT_ID");
        assertThat(invalid.problems().get(1)).contains("'client-secret'", "APIAUTH_DOCPLANNER_CLIENT_SECRET");
        assertThat(invalid.problems().get(2)).contains("'domain'", "APIAUTH_DOCPLANNER_DOMAIN");
    }

    @Test
    void unknownClientAuthenticationNamesTheChoices() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of("client-authentication", "header")));

        assertThat(invalid.problems()).singleElement().asString()
                .contains("'client-authentication'", "[basic, body]");
    }

    @Test
    void neverEchoesSecretsInValidationErrors() {
        Map<String, String> values = withRequired(Map.of(
                "domain", "doctoralia.fr",
                "token-url", "http://www.doctoralia.es/oauth/v2/token",
                "client_secret", CLIENT_SECRET));

        InvalidSettingsException invalid = invalid(values);

        assertThat(invalid.problems()).hasSize(3);
        assertThat(invalid).hasMessageContaining("did you mean 'client-secret'?")
                .hasMessageContaining("'token-url'")
                .hasMessageContaining("'domain'")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    private InvalidSettingsException invalid(Map<String, String> values) {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));
        assertThat(invalid).as("settings should be invalid").isNotNull();
        assertThat(invalid.providerId()).contains("docplanner");
        return invalid;
    }

    private static Map<String, String> withRequired(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "client-id", CLIENT_ID, "client-secret", CLIENT_SECRET, "domain", "doctoralia.es"));
        values.putAll(extra);
        return values;
    }
}
