package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final String SECRET = "Sup3r-SECRET-client-value";
    private static final String PASSWORD = "pa55-SECRET-user-value";

    private final AccountProvider provider = new AccountProvider();

    private static Map<String, String> valid() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("client-id", "my-client");
        values.put("client-secret", SECRET);
        return values;
    }

    @Test
    void aComponentsSettingsAreCheckedLikeAProvidersWithoutRequiringAny() {
        List<Setting> declared = List.of(Setting.text("uri", "where").required().build(),
                Setting.duration("wait-time", "how long").defaultValue("10s").build(),
                Setting.secret("key", "the key").build());

        Settings.Checked good = Settings.of(Map.of("wait-time", "2s", "key", SECRET)).check("Redis", declared);
        assertThat(good.problems()).isEmpty();
        assertThat(good.accepted().duration("wait-time")).isEqualTo(Duration.ofSeconds(2));
        assertThat(good.accepted().isGiven("uri")).isFalse();
        assertThat(good.accepted().toString()).doesNotContain(SECRET);

        Settings.Checked bad = Settings.of(Map.of("wait-time", "soon", "wait_time", "1s", "key", SECRET))
                .check("Redis", declared);
        assertThat(bad.problems()).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("unknown Redis setting 'wait_time'; did you mean 'wait-time'?"))
                .anySatisfy(problem -> assertThat(problem).contains("wait-time").doesNotContain("did you mean"))
                .allSatisfy(problem -> assertThat(problem).doesNotContain(SECRET));
        assertThat(bad.accepted().isGiven("key")).as("the well-formed values are kept").isTrue();
        assertThat(bad.accepted().isGiven("wait-time")).isFalse();
    }

    @Test
    void ofCopiesTheGivenValues() {
        Map<String, String> given = valid();
        Settings settings = Settings.of(given);
        given.put("extra", "x");

        assertThat(settings.values()).containsOnlyKeys("client-id", "client-secret");
        assertThatThrownBy(() -> settings.values().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ofRefusesANullValueNamingTheSetting() {
        Map<String, String> given = new HashMap<>();
        given.put("client-id", null);

        assertThatThrownBy(() -> Settings.of(given)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("'client-id'");
    }

    @Test
    void fromPropertiesTakesEveryProperty() {
        Properties properties = new Properties();
        properties.setProperty("client-id", "my-client");
        properties.setProperty("timeout", "5s");

        assertThat(Settings.fromProperties(properties).values())
                .containsOnly(Map.entry("client-id", "my-client"), Map.entry("timeout", "5s"));
    }

    @Test
    void fromPropertiesWithPrefixTakesOnlyThoseAndRemovesThePrefix() {
        Properties properties = new Properties();
        properties.setProperty("apiauth.account.client-id", "my-client");
        properties.setProperty("apiauth.account.client-secret", SECRET);
        properties.setProperty("apiauth.other.client-id", "someone-else");
        properties.setProperty("client-id", "unprefixed");

        Settings settings = Settings.fromProperties(properties, "apiauth.account.");

        assertThat(settings.values()).containsOnly(Map.entry("client-id", "my-client"),
                Map.entry("client-secret", SECRET));
    }

    @Test
    void fromEnvironmentReadsApiauthProviderSettingVariables() {
        Map<String, String> environment = new HashMap<>();
        environment.put("APIAUTH_MY_ACCOUNT_CLIENT_ID", "my-client");
        environment.put("APIAUTH_MY_ACCOUNT_CLIENT_SECRET", SECRET);
        environment.put("APIAUTH_MY_ACCOUNT_TIMEOUT", "5s");
        environment.put("APIAUTH_MY_ACCOUNT_", "no setting name");
        environment.put("APIAUTH_OTHER_CLIENT_ID", "someone-else");
        environment.put("apiauth_my_account_region", "lower-case is not ours");
        environment.put("PATH", "/usr/bin");

        Settings settings = Settings.fromEnvironment("my-account", environment);

        assertThat(settings.values()).containsOnly(Map.entry("client-id", "my-client"),
                Map.entry("client-secret", SECRET), Map.entry("timeout", "5s"));
    }

    @Test
    void namesTheEnvironmentVariableOfASetting() {
        assertThat(Settings.environmentVariable("doo", "client-id")).isEqualTo("APIAUTH_DOO_CLIENT_ID");
        assertThat(Settings.environmentVariable("my-account", "token-url")).isEqualTo("APIAUTH_MY_ACCOUNT_TOKEN_URL");
    }

    @Test
    void environmentSettingsValidateLikeAnyOthers() {
        Map<String, String> environment = Map.of(
                Settings.environmentVariable("my-account", "client-id"), "my-client",
                Settings.environmentVariable("my-account", "client-secret"), SECRET);

        ProviderSettings settings = Settings.fromEnvironment("my-account", environment).validate(provider);

        assertThat(settings.get("client-id")).isEqualTo("my-client");
    }

    @Test
    void overriddenByPutsTheOverridesOnTop() {
        Settings base = Settings.of(Map.of("client-id", "base-client", "region", "eu"));
        Settings overrides = Settings.of(Map.of("client-id", "override-client", "timeout", "5s"));

        Settings merged = base.overriddenBy(overrides);

        assertThat(merged.values()).containsOnly(Map.entry("client-id", "override-client"),
                Map.entry("region", "eu"), Map.entry("timeout", "5s"));
        assertThat(base.values()).containsEntry("client-id", "base-client").doesNotContainKey("timeout");
    }

    @Test
    void withAddsOrReplacesOneValue() {
        Settings base = Settings.of(Map.of("client-id", "a"));

        assertThat(base.with("client-id", "b").values()).containsOnly(Map.entry("client-id", "b"));
        assertThat(base.with("region", "eu").values()).containsOnlyKeys("client-id", "region");
        assertThat(base.values()).containsOnly(Map.entry("client-id", "a"));
        assertThat(Settings.empty().values()).isEmpty();
    }

    @Test
    void validateGivesCheckedSettingsWithDefaults() {
        Map<String, String> values = valid();
        values.put("timeout", " 2m ");

        ProviderSettings settings = Settings.of(values).validate(provider);

        assertThat(settings.get("client-id")).isEqualTo("my-client");
        assertThat(settings.secret("client-secret").reveal()).isEqualTo(SECRET);
        assertThat(settings.duration("timeout")).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.get("mode")).isEqualTo("client");
        assertThat(settings.uri("token-url").toString()).isEqualTo("https://auth.example.com/token");
        assertThat(provider.crossChecks.get()).isEqualTo(1);
    }

    @Test
    void reportsEveryMissingUnknownAndMalformedSettingInOneException() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("colour", "blue");
        values.put("timeout", "soon");
        values.put("retries", "many");
        values.put("token-url", "http://auth.example.com/token");
        values.put("mode", "magic");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));

        assertThat(e.providerId()).contains("my-account");
        assertThat(e.problems()).hasSize(7);
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("unknown setting 'colour' for provider 'my-account'")
                .contains("known settings: [client-id, client-secret, password, token-url, timeout, retries, mode]"));
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("missing required setting 'client-id' (The OAuth2 client id)")
                .contains("APIAUTH_MY_ACCOUNT_CLIENT_ID"));
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("missing required setting 'client-secret'")
                .contains("APIAUTH_MY_ACCOUNT_CLIENT_SECRET"));
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("'timeout'", "'soon'", "is not a duration"));
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("'retries'", "'many'", "is not a whole number"));
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("'token-url'", "plain http"));
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("'mode'", "'magic'", "[client, password]"));
        assertThat(e).hasMessageContaining("7 problems");
        assertThat(provider.crossChecks.get()).as("cross-checks run on the well-formed settings too").isEqualTo(1);
    }

    @Test
    void suggestsTheDeclaredNameForAMisspelledSetting() {
        Map<String, String> values = valid();
        values.put("token_url", "https://auth.example.com/token");
        values.put("TIMEOUT", "5s");
        values.put("retries.count", "3");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));

        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("unknown setting 'token_url'", "did you mean 'token-url'?"));
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("unknown setting 'TIMEOUT'", "did you mean 'timeout'?"));
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("unknown setting 'retries.count'").doesNotContain("did you mean"));
    }

    @Test
    void runsTheProvidersCrossChecksOnValidSettings() {
        Map<String, String> values = valid();
        values.put("mode", "password");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));

        assertThat(e.problems()).containsExactly(AccountProvider.PASSWORD_NEEDED);
        assertThat(e.providerId()).contains("my-account");

        values.put("password", PASSWORD);
        assertThat(Settings.of(values).validate(provider).secret("password").reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void reportsCrossCheckProblemsTogetherWithMalformedSettings() {
        Map<String, String> values = valid();
        values.put("mode", "password");
        values.put("retries", "many");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));

        assertThat(e.problems()).hasSize(2).contains(AccountProvider.PASSWORD_NEEDED)
                .anySatisfy(problem -> assertThat(problem).contains("'retries'", "not a whole number"));
    }

    @Test
    void doesNotRepeatACrossCheckAboutASettingAlreadyRefused() {
        Map<String, String> values = valid();
        values.put("mode", "password");
        values.put("password", "   ");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> Settings.of(values).validate(provider));

        assertThat(e.problems()).singleElement().asString().contains("'password'", "is empty");
    }

    @Test
    void neverPutsSecretValuesIntoMessagesOrToString() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("client-secret", SECRET);
        values.put("password", " ");
        values.put("client_secret", SECRET);
        values.put("unknown-secret", PASSWORD);
        Settings settings = Settings.of(values);

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> settings.validate(provider));

        assertThat(e.getMessage()).doesNotContain(SECRET, PASSWORD);
        assertThat(e.problems()).allSatisfy(problem -> assertThat(problem).doesNotContain(SECRET, PASSWORD));
        assertThat(settings.toString()).isEqualTo("Settings[client-secret, password, client_secret, unknown-secret]");
        Map<String, String> ok = valid();
        ok.put("password", PASSWORD);
        assertThat(Settings.of(ok).validate(provider).toString()).doesNotContain(SECRET, PASSWORD)
                .contains("client-id=my-client");
    }

    /** An account provider with settings of several kinds and one cross-setting rule. */
    private static final class AccountProvider implements AuthProvider {
        static final String PASSWORD_NEEDED = "mode 'password' needs setting 'password'";

        final AtomicInteger crossChecks = new AtomicInteger();

        @Override
        public String id() {
            return "my-account";
        }

        @Override
        public ProviderInfo info() {
            return ProviderInfo.builder("My account")
                    .documentation("https://example.com/docs")
                    .setting(Setting.text("client-id", "The OAuth2 client id").required())
                    .setting(Setting.secret("client-secret", "The OAuth2 client secret").required())
                    .setting(Setting.secret("password", "The user's password, for mode password"))
                    .setting(Setting.url("token-url", "The token endpoint")
                            .defaultValue("https://auth.example.com/token"))
                    .setting(Setting.duration("timeout", "How long to wait"))
                    .setting(Setting.integer("retries", "How often to retry"))
                    .setting(Setting.choice("mode", "How to log in", List.of("client", "password"))
                            .defaultValue("client"))
                    .build();
        }

        @Override
        public int requestedSpiVersion() {
            return SPI_VERSION;
        }

        @Override
        public List<String> validate(ProviderSettings settings) {
            crossChecks.incrementAndGet();
            return settings.get("mode").equals("password") && settings.find("password").isEmpty()
                    ? List.of(PASSWORD_NEEDED) : List.of();
        }

        @Override
        public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
            throw new UnsupportedOperationException("not needed to validate settings");
        }
    }
}
