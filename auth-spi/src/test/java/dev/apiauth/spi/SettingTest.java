package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.spi.internal.SettingValues;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTest {
    private static final String SECRET_VALUE = "TOP-s3cret_value!";

    private static final Setting TEXT = Setting.text("client-id", "The OAuth2 client id").build();
    private static final Setting URL = Setting.url("token-url", "The token endpoint").build();
    private static final Setting INTEGER = Setting.integer("retries", "How often to retry").build();
    private static final Setting DURATION = Setting.duration("timeout", "How long to wait").build();
    private static final Setting FLAG = Setting.flag("sandbox", "Use the sandbox").build();
    private static final Setting CHOICE = Setting.choice("mode", "How to log in", List.of("client", "password")).build();
    private static final Setting CHOICE_LIST =
            Setting.choiceList("scopes", "Scopes to ask for", List.of("read", "write", "admin")).build();

    @Test
    void textAcceptsAnyNonBlankValue() {
        assertThat(SettingValues.check(TEXT, "abc")).isEmpty();
        assertThat(SettingValues.check(TEXT, " a b c ")).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void everyKindRefusesEmptyValuesNamingTheSetting(String blank) {
        for (Setting setting : List.of(TEXT, URL, INTEGER, DURATION, FLAG, CHOICE)) {
            assertThat(SettingValues.check(setting, blank)).hasValueSatisfying(problem ->
                    assertThat(problem).contains("'" + setting.name() + "'", "is empty", "expected"));
        }
    }

    @Test
    void urlRefusesAPortAboveTheHighest() {
        assertThat(SettingValues.check(URL, "http://127.0.0.1:99999/token")).hasValueSatisfying(problem ->
                assertThat(problem).contains("'" + URL.name() + "'", "99999", "65535"));
        assertThat(SettingValues.check(URL, "http://127.0.0.1:65535/token")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyChoiceListMeansNoneOfTheChoices(String blank) {
        assertThat(SettingValues.check(CHOICE_LIST, blank)).isEmpty();
        assertThat(SettingValues.check(CHOICE_LIST, null)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/token", "HTTPS://api.example.com:8443/oauth/token?x=1",
            "http://localhost/token", "http://localhost:8080/token", "http://127.0.0.1:9999/token",
            "http://127.5.6.7/token", "http://[::1]:8080/token", "  https://api.example.com/token  "})
    void urlAcceptsHttpsAndLoopbackHttp(String value) {
        assertThat(SettingValues.check(URL, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.com/token", "http://10.0.0.1/token", "http://localhost.example.com/t"})
    void urlRefusesPlainHttpToNonLoopbackHosts(String value) {
        assertThat(SettingValues.check(URL, value)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'token-url'", "plain http", "use https").contains(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com/token", "/token", "ftp://example.com/token", "https:///token",
            "mailto:someone@example.com", "https://exa mple.com/token"})
    void urlRefusesRelativeOrNonHttpOrMalformedValues(String value) {
        assertThat(SettingValues.check(URL, value)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'token-url'", "https://api.example.com/token"));
    }

    @Test
    void integerAcceptsWholeNumbersOnly() {
        assertThat(SettingValues.check(INTEGER, "42")).isEmpty();
        assertThat(SettingValues.check(INTEGER, " -7 ")).isEmpty();
        assertThat(SettingValues.check(INTEGER, "4.2")).contains("setting 'retries': '4.2' is not a whole number");
        assertThat(SettingValues.check(INTEGER, "many")).contains("setting 'retries': 'many' is not a whole number");
        assertThat(SettingValues.check(INTEGER, "99999999999999999999")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "5m", "1h", "500ms", "1d", "90", "PT5M", "P1D", "30S"})
    void durationAcceptsEveryDocumentedForm(String value) {
        assertThat(SettingValues.check(DURATION, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5 minutes", "-5s", "PT-5M", "1.5s", "5y"})
    void durationRefusesOtherValuesWithTheAcceptedForms(String value) {
        assertThat(SettingValues.check(DURATION, value)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'timeout'", "'" + value + "'", "is not a duration", "30s", "PT5M"));
    }

    @Test
    void flagAcceptsTrueOrFalseInAnyCase() {
        assertThat(SettingValues.check(FLAG, "true")).isEmpty();
        assertThat(SettingValues.check(FLAG, "FALSE")).isEmpty();
        assertThat(SettingValues.check(FLAG, "yes")).contains("setting 'sandbox': 'yes' is not true or false");
        assertThat(SettingValues.check(FLAG, "1")).isPresent();
    }

    @Test
    void choiceAcceptsOnlyDeclaredChoices() {
        assertThat(SettingValues.check(CHOICE, "password")).isEmpty();
        assertThat(SettingValues.check(CHOICE, " client ")).isEmpty();
        assertThat(SettingValues.check(CHOICE, "Client")).contains("setting 'mode': 'Client' is not one of [client, password]");
        assertThat(SettingValues.check(CHOICE, "client password")).isPresent();
    }

    @Test
    void choiceListAcceptsAnySeparatedSubsetAndNamesTheUnknownItems() {
        assertThat(SettingValues.check(CHOICE_LIST, "read")).isEmpty();
        assertThat(SettingValues.check(CHOICE_LIST, "read write")).isEmpty();
        assertThat(SettingValues.check(CHOICE_LIST, "read,write, admin")).isEmpty();
        assertThat(SettingValues.check(CHOICE_LIST, "read delete write drop")).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'scopes'", "[delete, drop]", "[read, write, admin]"));
    }

    static Stream<Arguments> secretSettingsWithInvalidValues() {
        return Stream.of(
                Arguments.of(Setting.url("secret-url", "A URL with credentials").secret().build(),
                        "http://user:" + SECRET_VALUE + "@example.com/token"),
                Arguments.of(Setting.url("secret-url", "A URL with credentials").secret().build(),
                        "not a url " + SECRET_VALUE),
                Arguments.of(Setting.url("secret-url", "A URL with credentials").secret().build(),
                        "ftp://" + SECRET_VALUE + "/x"),
                Arguments.of(Setting.integer("pin", "A secret number").secret().build(), SECRET_VALUE),
                Arguments.of(Setting.duration("secret-duration", "A secret duration").secret().build(), SECRET_VALUE),
                Arguments.of(Setting.flag("secret-flag", "A secret flag").secret().build(), SECRET_VALUE),
                Arguments.of(Setting.choice("secret-choice", "A secret choice", List.of("a", "b")).secret().build(),
                        SECRET_VALUE),
                Arguments.of(Setting.choiceList("secret-list", "Secret choices", List.of("a", "b")).secret().build(),
                        "a " + SECRET_VALUE));
    }

    @ParameterizedTest
    @MethodSource("secretSettingsWithInvalidValues")
    void neverEchoesTheValueOfASecretSetting(Setting setting, String value) {
        assertThat(SettingValues.check(setting, value)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'" + setting.name() + "'").doesNotContain(SECRET_VALUE));
    }

    @Test
    void echoesTheValueOfAnOrdinarySettingSoTheUserSeesTheMistake() {
        assertThat(SettingValues.check(Setting.integer("pin", "A number").build(), "12ab")).hasValueSatisfying(problem ->
                assertThat(problem).contains("'12ab'"));
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("30S", Duration.ofSeconds(30)),
                Arguments.of("10 s", Duration.ofSeconds(10)),
                Arguments.of(" 90 ", Duration.ofSeconds(90)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("5m", Duration.ofMinutes(5)),
                Arguments.of("2h", Duration.ofHours(2)),
                Arguments.of("1d", Duration.ofDays(1)),
                Arguments.of("PT5M", Duration.ofMinutes(5)),
                Arguments.of("pt1h30m", Duration.ofMinutes(90)),
                Arguments.of("PT0.25S", Duration.ofMillis(250)),
                Arguments.of("P1D", Duration.ofDays(1)));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void parsesDurationForms(String text, Duration expected) {
        assertThat(SettingValues.parseDuration(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-5s", "PT-1S", "1.5s", "5 minutes", "99999999999999999999d",
            "9999999999999999d", "s"})
    void refusesOtherDurations(String text) {
        assertThat(SettingValues.parseDuration(text)).isEmpty();
    }

    @Test
    void splitsListsOnSpacesAndCommas() {
        assertThat(SettingValues.splitList(" a b,c ,, d\te ")).containsExactly("a", "b", "c", "d", "e");
        assertThat(SettingValues.splitList("   ")).isEmpty();
        assertThat(SettingValues.splitList("")).isEmpty();
        assertThat(SettingValues.splitList("single")).containsExactly("single");
    }

    @Test
    void splitsListsOnEveryWhiteSpaceCharacterOfRegexBackslashS() {
        // Same separators as the regular expression [\s,]+ the hand-written split replaced.
        assertThat(SettingValues.splitList("a\nb\rc\fd\u000Be\tf,,g")).containsExactly("a", "b", "c", "d", "e", "f", "g");
        assertThat(SettingValues.splitList("a\u00A0b")).as("no-break space is not \\s").containsExactly("a\u00A0b");
        assertThatThrownBy(() -> SettingValues.splitList("a b").add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void printsWithoutASecretDefault() {
        Setting secret = Setting.secret("api-key", "The API key").defaultValue(SECRET_VALUE).build();
        Setting plain = Setting.text("region", "The region").required().defaultValue("eu").build();

        assertThat(secret.toString()).doesNotContain(SECRET_VALUE).contains("api-key", "secret", "REDACTED");
        assertThat(plain.toString()).contains("region", "required", "default=eu");
    }

    @Test
    void exposesItsDeclaration() {
        Setting setting = Setting.secret("client-secret", "The client secret").required().build();

        assertThat(setting.name()).isEqualTo("client-secret");
        assertThat(setting.description()).isEqualTo("The client secret");
        assertThat(setting.kind()).isEqualTo(Setting.Kind.TEXT);
        assertThat(setting.required()).isTrue();
        assertThat(setting.secret()).isTrue();
        assertThat(setting.defaultValue()).isEmpty();
        assertThat(setting.choices()).isEmpty();
        assertThat(CHOICE.choices()).containsExactly("client", "password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clientId", "client_id", "Client-id", "-client", "client-", "client--id", "1client", ""})
    void refusesNamesThatAreNotLowerCaseKebabCase(String name) {
        assertThatThrownBy(() -> Setting.text(name, "A setting")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kebab-case");
    }

    @Test
    void refusesBadDeclarations() {
        assertThatThrownBy(() -> Setting.text("client-id", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a description");
        assertThatThrownBy(() -> Setting.choice("mode", "How", List.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declares no choices");
        assertThatThrownBy(() -> Setting.duration("timeout", "How long").defaultValue("soon").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default of setting 'timeout'");
        assertThatThrownBy(() -> Setting.integer("pin", "A secret pin").secret().defaultValue(SECRET_VALUE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(SECRET_VALUE);
    }
}
