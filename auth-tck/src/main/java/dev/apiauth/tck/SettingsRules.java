package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.internal.SettingValues;
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

    /**
     * R2.4: the provider's own cross-setting rules ({@code validate}) run on every variation of the
     * fixture's settings the provider's declarations suggest, with every declared secret present,
     * and what they say (and throw) must not show a secret.
     */
    static void crossSettingProblemsKeepSecrets(Tck tck) {
        ProviderInfo info = tck.provider.info();
        Map<String, String> base = new LinkedHashMap<>(tck.settings);
        // Secrets the fixture leaves unset are set too, with distinctive values: a rule such as
        // "mode 'apikey' does not use 'password'" speaks only when they are there.
        for (Setting setting : info.settings()) {
            if (setting.secret() && setting.kind() == Setting.Kind.TEXT && !base.containsKey(setting.name())) {
                String value = "tck-unset-" + setting.name() + "-4c9e2b71";
                tck.secrets.add("setting '" + setting.name() + "'", value);
                base.put(setting.name(), value);
            }
        }
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("the fixture's settings with every secret set", base);
        for (Setting setting : info.settings()) {
            List<String> values = new ArrayList<>();
            if (setting.kind() == Setting.Kind.CHOICE || setting.kind() == Setting.Kind.CHOICE_LIST) {
                values.addAll(setting.choices());
            } else if (setting.kind() == Setting.Kind.FLAG) {
                values.addAll(List.of("true", "false"));
            }
            for (String value : values) {
                Map<String, String> variant = new LinkedHashMap<>(base);
                variant.put(setting.name(), value);
                variants.put("'" + setting.name() + "' = " + value, variant);
            }
            if (!setting.required() && base.containsKey(setting.name())) {
                Map<String, String> variant = new LinkedHashMap<>(base);
                variant.remove(setting.name());
                variants.put("without '" + setting.name() + "'", variant);
            }
        }
        List<String> leaks = new ArrayList<>();
        variants.forEach((variant, values) -> {
            List<String> texts = new ArrayList<>();
            try {
                tck.contract.engineSettings(values).validate(tck.provider);
            } catch (InvalidSettingsException e) {
                texts.addAll(e.problems());
            } catch (RuntimeException e) {
                Checks.chain(e).forEach(link -> texts.add(String.valueOf(link.getMessage())));
            }
            // Straight to the provider as well: the engine drops a rule's problem when a setting it
            // names was refused for another reason, which could hide a leak.
            Map<String, String> wellFormed = new LinkedHashMap<>();
            values.forEach((name, value) -> info.setting(name).filter(setting -> SettingValues.check(setting, value).isEmpty())
                    .ifPresent(setting -> wellFormed.put(name, value)));
            try {
                texts.addAll(tck.provider.validate(SettingValues.providerSettings(info, wellFormed)));
            } catch (RuntimeException e) {
                Checks.chain(e).forEach(link -> texts.add(String.valueOf(link.getMessage())));
            }
            for (String text : texts) {
                tck.secrets.find(text).ifPresent(secret -> leaks.add("with " + variant + ", a settings problem shows"
                        + " the " + secret + ": " + tck.secrets.redact(text)));
            }
        });
        check(leaks.isEmpty(), () -> String.join("\n", new LinkedHashSet<>(leaks)));
    }

    /**
     * R2.5: each setting of the fixture the provider does not declare required (and gives no
     * default) is left out in turn; if the provider then crashes, or fails before it sends anything,
     * it cannot do without the setting and must declare it required.
     */
    static void indispensableSettingsDeclaredRequired(Tck tck) {
        ProviderInfo info = tck.provider.info();
        List<String> optional = new ArrayList<>();
        tck.settings.keySet().forEach(name -> info.setting(name)
                .filter(setting -> !setting.required() && setting.defaultValue().isEmpty())
                .ifPresent(setting -> optional.add(name)));
        if (tck.has(Capability.TOKEN_ENDPOINT)) {
            tck.tokens.answers(TokenAnswers::success);
        }
        List<String> problems = new ArrayList<>();
        for (String name : optional) {
            Map<String, String> without = new LinkedHashMap<>(tck.settings);
            without.remove(name);
            int before = tck.server.requests().size();
            Attempt<Credentials> built = Attempt.of(() -> tck.credentials(without, builder -> builder
                    .retryPolicy(Tck.retryPolicy(1)).tokenEndpoint(tck.loopbackOnlyEndpoint())));
            if (built.failed()) {
                RuntimeException error = built.error().orElseThrow();
                if (!(error instanceof InvalidSettingsException)) {
                    problems.add("without '" + name + "', building the credentials threw "
                            + Checks.describe(error, tck.secrets));
                }
                continue;
            }
            Attempt<AccessToken> token = Attempt.of(() -> built.value().token());
            boolean sent = tck.server.requests().size() > before || tck.loopbackOnlyEndpoint().refusedAny();
            token.error().filter(error -> !(error instanceof InteractionRequiredException))
                    .filter(error -> !sent || !(error instanceof AuthException))
                    .ifPresent(error -> problems.add("without '" + name + "', obtaining a token "
                            + (sent ? "" : "sent nothing and ") + token.describe(tck.secrets)));
        }
        // Requests sent without a setting need not match the declared one; they are this rule's own.
        tck.server.wireMock().resetRequests();
        check(problems.isEmpty(), () -> "the provider cannot work without settings it does not declare required: "
                + String.join("; ", problems) + ". Declare them .required() so the engine names them all when the"
                + " credentials are built");
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
