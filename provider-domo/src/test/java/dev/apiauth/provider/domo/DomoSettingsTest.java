package dev.apiauth.provider.domo;

import static dev.apiauth.provider.domo.DomoFixtures.CLIENT_ID;
import static dev.apiauth.provider.domo.DomoFixtures.CLIENT_SECRET;
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
class DomoSettingsTest {
    private static final List<String> DOCUMENTED_SCOPES = List.of("data", "user", "audit", "dashboard", "account",
            "buzz", "workflow");

    private final DomoProvider provider = new DomoProvider();

    @Test
    void isDiscoveredWithServiceLoader() {
        AuthProvider discovered = AuthProviders.discover().get("domo");

        assertThat(discovered).isInstanceOf(DomoProvider.class);
        assertThat(discovered.id()).isEqualTo("domo");
        assertThat(discovered.requestedSpiVersion()).isEqualTo(AuthProvider.SPI_VERSION);
    }

    @Test
    void declaresSettingsWithSecretsDefaultsAndChoices() {
        ProviderInfo info = provider.info();

        assertThat(info.settings()).extracting(Setting::name).containsExactly("client-id", "client-secret", "scope",
                "token-method", "client-auth-encoding", "api-base-url", "token-url");
        assertThat(info.settings()).filteredOn(Setting::secret).extracting(Setting::name)
                .containsExactly("client-secret");
        assertThat(info.settings()).filteredOn(Setting::required).extracting(Setting::name)
                .containsExactly("client-id", "client-secret");
        assertThat(info.setting("scope").map(Setting::kind)).contains(Setting.Kind.CHOICE_LIST);
        assertThat(info.setting("scope").map(Setting::choices)).contains(DOCUMENTED_SCOPES);
        assertThat(info.setting("scope").map(Setting::description)).hasValueSatisfying(description ->
                assertThat(description).contains("unset sends no scope").contains("every scope the client"));
        assertThat(info.setting("scope").flatMap(Setting::defaultValue)).isEmpty();
        assertThat(info.setting("token-method").map(Setting::choices)).contains(List.of("get", "post"));
        assertThat(info.setting("token-method").flatMap(Setting::defaultValue)).contains("get");
        assertThat(info.setting("api-base-url").flatMap(Setting::defaultValue)).contains("https://api.domo.com");
        assertThat(info.setting("api-base-url").map(Setting::kind)).contains(Setting.Kind.URL);
        assertThat(info.setting("token-url").map(Setting::kind)).contains(Setting.Kind.URL);
        assertThat(info.settings()).allSatisfy(setting -> assertThat(setting.description()).isNotBlank());
    }

    @Test
    void declaresCapabilitiesAndDocumentation() {
        ProviderInfo info = provider.info();

        assertThat(info.displayName()).isEqualTo("Domo");
        assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TOKEN_ENDPOINT,
                Capability.EXPIRING_TOKENS);
        assertThat(info.documentation())
                .isEqualTo(URI.create("https://developer.domo.com/docs/authentication/quickstart-5"));
        assertThat(info.tokenRejectedStatuses()).containsExactly(401);
    }

    @Test
    void acceptsEveryDocumentedScope() {
        assertThat(Settings.of(withRequired(Map.of("scope", String.join(" ", DOCUMENTED_SCOPES))))
                .validate(provider).list("scope")).isEqualTo(DOCUMENTED_SCOPES);
    }

    @Test
    void listsEveryMissingRequiredSettingAtOnce() {
        InvalidSettingsException invalid = invalid(Map.of());

        assertThat(invalid.problems()).hasSize(2);
        assertThat(invalid.problems().get(0)).contains("'client-id'", "APIAUTH_DOMO_CLIENT_ID");
        assertThat(invalid.problems().get(1)).contains("'client-secret'", "APIAUTH_DOMO_CLIENT_SECRET");
    }

    @Test
    void unknownScopeNamesItAndTheDocumentedScopes() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of("scope", "data reports")));

        assertThat(invalid.problems()).singleElement().asString()
                .contains("'scope'", "[reports]", DOCUMENTED_SCOPES.toString());
    }

    @Test
    void unknownTokenMethodNamesTheChoices() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of("token-method", "put")));

        assertThat(invalid.problems()).singleElement().asString().contains("'token-method'", "[get, post]");
    }

    @Test
    void tokenUrlWithItsOwnQueryIsRejected() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of(
                "token-url", "https://api.domo.com/oauth/token?grant_type=client_credentials")));

        assertThat(invalid.problems()).singleElement().asString().contains("'token-url'", "query", "'scope'");
    }

    @Test
    void plainHttpIsAllowedForLoopbackOnly() {
        InvalidSettingsException invalid = invalid(withRequired(Map.of(
                "api-base-url", "http://api.domo.com",
                "token-url", "http://127.0.0.1:8080/oauth/token")));

        assertThat(invalid.problems()).singleElement().asString().contains("'api-base-url'", "plain http");
    }

    @Test
    void neverEchoesSecretsInValidationErrors() {
        Map<String, String> values = withRequired(Map.of(
                "scope", "everything",
                "token-url", "not a url",
                "client_secret", CLIENT_SECRET));

        InvalidSettingsException invalid = invalid(values);

        assertThat(invalid.problems()).hasSize(3);
        assertThat(invalid).hasMessageContaining("did you mean 'client-secret'?")
                .hasMessageContaining("'token-url'")
                .hasMessageContaining("'scope'")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    private InvalidSettingsException invalid(Map<String, String> values) {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));
        assertThat(invalid).as("settings should be invalid").isNotNull();
        assertThat(invalid.providerId()).contains("domo");
        return invalid;
    }

    private static Map<String, String> withRequired(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("client-id", CLIENT_ID, "client-secret", CLIENT_SECRET));
        values.putAll(extra);
        return values;
    }
}
