package dev.apiauth.provider.dotypos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declaration, discovery and settings validation. */
class DotyposProviderTest {
    private final DotyposProvider provider = new DotyposProvider();

    @Test
    void isDiscoveredByItsId() {
        AuthProvider discovered = AuthProviders.discover().get("dotypos");

        assertThat(discovered).isInstanceOf(DotyposProvider.class);
        assertThat(discovered.id()).isEqualTo(DotyposProvider.ID);
        assertThat(discovered.requestedSpiVersion()).isEqualTo(AuthProvider.SPI_VERSION);
    }

    @Test
    void declaresCapabilitiesDocumentationAnd403AsTokenRejected() {
        ProviderInfo info = provider.info();

        assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TOKEN_ENDPOINT,
                Capability.EXPIRING_TOKENS, Capability.REFRESH_TOKENS, Capability.INTERACTIVE_CONSENT);
        assertThat(info.tokenRejectedStatuses()).containsExactlyInAnyOrder(401, 403);
        assertThat(info.documentation()).hasToString("https://docs.api.dotypos.com/authorization");
    }

    @Test
    void declaresEverySettingWithItsDefaultAndSecrecy() {
        ProviderInfo info = provider.info();

        assertThat(info.settings()).extracting(Setting::name).containsExactly("client-id", "client-secret",
                "cloud-id", "refresh-token", "cloud-id-as-number", "consent-flavour", "token-url", "api-base-url",
                "connect-url", "connect-v2-url");
        assertThat(info.settings()).allSatisfy(setting -> {
            assertThat(setting.description()).isNotBlank();
            assertThat(setting.required()).as("%s is optional", setting.name()).isFalse();
        });
        assertThat(info.settings()).filteredOn(Setting::secret).extracting(Setting::name)
                .containsExactly("client-secret", "refresh-token");
        assertThat(defaultOf("token-url")).isEqualTo("https://api.dotykacka.cz/v2/signin/token");
        assertThat(defaultOf("api-base-url")).isEqualTo("https://api.dotykacka.cz/v2");
        assertThat(defaultOf("connect-url")).isEqualTo("https://admin.dotykacka.cz/client/connect");
        assertThat(defaultOf("connect-v2-url")).isEqualTo("https://admin.dotykacka.cz/client/connect/v2");
        assertThat(defaultOf("cloud-id-as-number")).isEqualTo("false");
        assertThat(defaultOf("consent-flavour")).isEqualTo("legacy");
        assertThat(info.setting("consent-flavour").orElseThrow().choices()).containsExactly("legacy", "v2");
    }

    private String defaultOf(String name) {
        return provider.info().setting(name).orElseThrow().defaultValue().orElseThrow();
    }

    @Test
    void noSettingIsNeededToBuildCredentials() {
        // A connection made later (consent, secret store) must not need a restart with new settings.
        try (Credentials credentials = Credentials.builder(provider).build()) {
            assertThat(credentials.settings().get("token-url")).isEqualTo("https://api.dotykacka.cz/v2/signin/token");
        }
    }

    @Test
    void reportsEverySettingProblemWithoutEchoingSecrets() {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(Map.of(
                        "client_secret", "top-secret-client-value",
                        "refresh-token", " ",
                        "token-url", "http://api.example.com/v2/signin/token",
                        "consent-flavour", "v3")).validate(provider));

        assertThat(invalid.problems()).hasSize(4);
        assertThat(invalid.getMessage())
                .contains("unknown setting 'client_secret'", "did you mean 'client-secret'")
                .contains("'refresh-token' is empty")
                .contains("'token-url'", "plain http")
                .contains("'consent-flavour'", "legacy", "v2")
                .doesNotContain("top-secret-client-value");
    }

    @Test
    void refreshTokenWithPrefixOrWhiteSpaceIsRefusedWithoutEchoingIt() {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(Map.of("refresh-token", "User 0123456789abcdef")).validate(provider));

        assertThat(invalid.problems()).singleElement().asString()
                .contains("'refresh-token'", "white space", "'User ' prefix");
        assertThat(invalid.getMessage()).doesNotContain("0123456789abcdef");
    }

    @Test
    void numericCloudIdFlagNeedsANumericCloudId() {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(Map.of("cloud-id", "cloud-abc", "cloud-id-as-number", "true")).validate(provider));

        assertThat(invalid.problems()).singleElement().asString()
                .contains("'cloud-id-as-number'", "'cloud-id'", "cloud-abc", "not a whole number");
    }

    @Test
    void validSettingsPrintWithSecretsRedacted() {
        ProviderSettings settings = Settings.of(Map.of("client-id", "app-1", "client-secret", "client-secret-value",
                "refresh-token", "refresh-token-value", "cloud-id", "42", "cloud-id-as-number", "true"))
                .validate(provider);

        assertThat(settings.toString()).contains("app-1", "42")
                .doesNotContain("client-secret-value", "refresh-token-value");
        assertThat(new DotyposTokenSource(settings, null).toString()).contains("42")
                .doesNotContain("refresh-token-value");
    }
}
