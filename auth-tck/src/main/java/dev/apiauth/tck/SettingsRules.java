package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** R2: settings validation. */
final class SettingsRules {
    /** A setting no provider declares, looking like a real one. */
    static final String UNKNOWN_SETTING = "tck-unknown-setting";

    private SettingsRules() {
    }

    static void missingRequiredRefused(Tck tck) {
        Set<String> required = requiredNames(tck);
        Checks.appliesOnlyIf(!required.isEmpty(), "neither the provider nor the fixture names a required setting");
        Map<String, String> without = new LinkedHashMap<>(tck.settings);
        without.keySet().removeAll(required);
        Attempt<Credentials> built = Attempt.of(() -> tck.credentials(without, UnaryOperator.identity()));
        if (!built.failed()) {
            String firstUse = Attempt.of(() -> built.value().token()).describe(tck.secrets);
            fail("building credentials without the required settings " + required + " succeeded; the first token"
                    + " request then " + firstUse + ". The engine can refuse them up front only if they are declared"
                    + " .required()");
        }
        InvalidSettingsException error = built.error(InvalidSettingsException.class).orElseThrow(() -> Checks.fail(
                "building credentials without the required settings " + required + " threw "
                        + Checks.describe(built.error().orElseThrow(), tck.secrets)
                        + " instead of one InvalidSettingsException naming each"));
        List<String> unnamed = new ArrayList<>();
        for (String name : required) {
            if (error.problems().stream().noneMatch(problem -> problem.contains("'" + name + "'"))) {
                unnamed.add(name);
            }
        }
        check(unnamed.isEmpty(), "the InvalidSettingsException does not name the missing settings " + unnamed
                + "; its problems were " + redacted(tck, error.problems()));
    }

    static void unknownRefused(Tck tck) {
        Map<String, String> withUnknown = new LinkedHashMap<>(tck.settings);
        withUnknown.put(UNKNOWN_SETTING, "on");
        Attempt<Credentials> built = Attempt.of(() -> tck.credentials(withUnknown, UnaryOperator.identity()));
        check(built.failed(), "credentials with the unknown setting '" + UNKNOWN_SETTING + "' were built without"
                + " complaint; a misspelt setting must be refused");
        InvalidSettingsException error = built.error(InvalidSettingsException.class).orElseThrow(() -> Checks.fail(
                "an unknown setting made the build throw " + Checks.describe(built.error().orElseThrow(), tck.secrets)
                        + " instead of InvalidSettingsException"));
        check(error.problems().stream().anyMatch(problem -> problem.contains(UNKNOWN_SETTING)),
                "the InvalidSettingsException does not name the unknown setting '" + UNKNOWN_SETTING + "': "
                        + redacted(tck, error.problems()));
    }

    static void secretsNeverEchoed(Tck tck) {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> withUnknown = new LinkedHashMap<>(tck.settings);
        withUnknown.put(UNKNOWN_SETTING, "on");
        collect(texts, "the error for an unknown setting", Attempt.of(
                () -> tck.credentials(withUnknown, UnaryOperator.identity())));
        Set<String> required = requiredNames(tck);
        Set<String> nonSecretRequired = new LinkedHashSet<>(required);
        nonSecretRequired.removeAll(tck.secretSettingValues().keySet());
        if (!nonSecretRequired.isEmpty()) {
            Map<String, String> missingOne = new LinkedHashMap<>(tck.settings);
            missingOne.remove(nonSecretRequired.iterator().next());
            collect(texts, "the error for a missing setting", Attempt.of(
                    () -> tck.credentials(missingOne, UnaryOperator.identity())));
        }
        for (String name : tck.secretSettingValues().keySet()) {
            tck.provider.info().setting(name).filter(setting -> setting.kind() != Setting.Kind.TEXT).ifPresent(s -> {
                Map<String, String> malformed = new LinkedHashMap<>(tck.settings);
                malformed.put(name, tck.settings.get(name) + " ~not-valid~");
                collect(texts, "the error for a malformed value of '" + name + "'", Attempt.of(
                        () -> tck.credentials(malformed, UnaryOperator.identity())));
            });
        }
        texts.put("Settings.toString()", Settings.of(tck.settings).toString());
        Attempt<Credentials> valid = Attempt.of(tck::credentials);
        valid.error().ifPresent(error -> fail("credentials for the fixture's valid settings could not be built: "
                + Checks.describe(error, tck.secrets)));
        texts.put("ProviderSettings.toString()", valid.value().settings().toString());
        texts.put("Credentials.toString()", valid.value().toString());
        texts.put("the provider's validate() problems", String.valueOf(tck.provider.validate(valid.value().settings())));
        List<String> leaks = new ArrayList<>();
        texts.forEach((where, text) -> tck.secrets.find(text).ifPresent(secret -> leaks.add(where + " shows the "
                + secret + ": " + tck.secrets.redact(text))));
        check(leaks.isEmpty(), String.join("\n", leaks));
    }

    private static void collect(Map<String, String> texts, String where, Attempt<Credentials> attempt) {
        attempt.error().ifPresent(error -> {
            int i = 0;
            for (Throwable link : Checks.chain(error)) {
                texts.put(where + (i++ == 0 ? "" : " (cause " + i + ")"), String.valueOf(link.getMessage()));
            }
        });
    }

    /** The settings the provider must refuse when absent: declared required, plus the fixture's list. */
    static Set<String> requiredNames(Tck tck) {
        Set<String> required = new LinkedHashSet<>(tck.fixture.requiredSettings());
        tck.provider.info().settings().stream().filter(Setting::required).map(Setting::name)
                .filter(tck.settings::containsKey).forEach(required::add);
        return required;
    }

    private static List<String> redacted(Tck tck, List<String> problems) {
        return problems.stream().map(tck.secrets::redact).toList();
    }
}
