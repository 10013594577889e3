package dev.apiauth.reliability.properties;

import static dev.apiauth.reliability.properties.Gen.weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.core.Settings;
import dev.apiauth.reliability.support.LogCapture;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.reliability.support.Transcript;
import dev.apiauth.reliability.support.Vendor;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.internal.SettingValues;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Settings.validate} for each provider with arbitrary maps: valid settings or one
 * {@link InvalidSettingsException} that lists every problem and echoes no secret; and settings that
 * pass build a working account (no unchecked exception from the provider's token source).
 */
class SettingsProperties {
    private static final Clock CLOCK = Clock.fixed(Generators.NOW, ZoneOffset.UTC);
    private static final Tally TALLY = new Tally();
    private static final EndpointResponse UNAVAILABLE = new EndpointResponse(503, Map.of(), "", Optional.empty());

    static {
        LogCapture.install();
    }

    @Property
    @MethodSource("settings")
    void settingsAreValidOrOneErrorListsEveryProblemWithoutSecrets(Tries.Sample<Candidate> sample) {
        Candidate candidate = sample.value();
        AuthProvider provider = candidate.vendor().provider();
        AtomicReference<ProviderSettings> validated = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> validated.set(Settings.of(candidate.values()).validate(provider)));
        TALLY.count("`Settings.validate` (" + provider.id() + ")", thrown == null ? "valid" : Verdicts.label(thrown));
        Transcript.record(provider.id() + " settings", thrown != null ? thrown : validated.get());

        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(InvalidSettingsException.class);
            InvalidSettingsException invalid = (InvalidSettingsException) thrown;
            assertThat(invalid.problems()).isNotEmpty();
            invalid.problems().forEach(problem -> assertThat(invalid.getMessage()).contains(problem));
            // Every value a setting's own check refuses, and every unknown name, is among the problems.
            candidate.values().forEach((name, value) -> provider.info().setting(name).ifPresentOrElse(
                    setting -> SettingValues.check(setting, value).ifPresent(problem ->
                            assertThat(invalid.problems()).contains(problem)),
                    () -> assertThat(invalid.problems()).anyMatch(problem ->
                            problem.startsWith("unknown setting '" + name + "'"))));
            return;
        }
        // Valid settings make a working account: any failure is a typed one.
        try (Credentials credentials = Credentials.builder(provider).settings(candidate.values()).clock(CLOCK)
                .tokenEndpoint(request -> UNAVAILABLE).retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                .sleeper(wait -> { }).pacing(false).build()) {
            // Docoon's static modes need no endpoint and succeed; the others fail transiently on the 503.
            Throwable fetched = catchThrowable(credentials::token);
            assertThat(fetched == null || Verdicts.typed(fetched)).as("token or typed failure, got %s", fetched)
                    .isTrue();
            Transcript.record(provider.id() + " account", credentials);
            Transcript.record(provider.id() + " account", fetched != null ? fetched : credentials.peek());
        }
    }

    static Stream<Tries.Sample<Candidate>> settings() {
        List<Gen<Candidate>> perVendor = new ArrayList<>();
        for (Vendor vendor : Vendor.values()) {
            perVendor.add(candidates(vendor));
        }
        return Tries.of("settings", 2000, Gen.oneOf(perVendor));
    }

    private static Gen<Candidate> candidates(Vendor vendor) {
        List<Setting> declared = vendor.provider().info().settings();
        Map<String, String> account = vendor.settings("https://token.example.test");
        List<Gen<Optional<String>>> values = new ArrayList<>();
        for (Setting setting : declared) {
            Gen<String> valid = account.containsKey(setting.name())
                    ? Gen.just(account.get(setting.name()))
                    : setting.defaultValue().map(Gen::just).orElseGet(() -> values(setting));
            values.add(Gen.frequency(
                    weight(4, Gen.just(Optional.<String>empty())),
                    weight(4, valid.map(Optional::of)),
                    weight(1, values(setting).map(Optional::of))));
        }
        Gen<List<Optional<String>>> given = Gen.all(values);
        Gen<Map<String, String>> unknown = Gen.maps(
                Gen.oneOf(Gen.strings(1, 12), Gen.of("client_id", "CLIENT-SECRET", "token.url", "tokenUrl", "secret")),
                secrets(), 1);
        return random -> {
            List<Optional<String>> chosen = given.next(random);
            Map<String, String> extra = unknown.next(random);
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < declared.size(); i++) {
                String name = declared.get(i).name();
                chosen.get(i).ifPresent(value -> map.put(name, value));
            }
            extra.forEach((name, value) -> {
                if (vendor.provider().info().setting(name).isEmpty()) {
                    map.put(name, value);
                }
            });
            return new Candidate(vendor, map);
        };
    }

    /** Values of the setting's kind, valid and not; secrets carry the marker. */
    private static Gen<String> values(Setting setting) {
        Gen<String> blank = Gen.of("", " ", "\t", "\n ");
        if (setting.secret()) {
            return Gen.oneOf(secrets(), blank);
        }
        Gen<String> kind = switch (setting.kind()) {
            case URL -> Gen.of("https://token.example.test/oauth", "http://127.0.0.1:8080/token",
                    "http://localhost/token", "http://[::1]:9/t", "http://example.com/token", "ftp://example.com/t",
                    "not a url", "https://", "https://exa mple.com/", "https://host.example:99999/t",
                    "https://h.example/x?q=1#frag", "//no-scheme.example/t", "mailto:a@example.com",
                    "https://user:pw@h.example/t", "HTTPS://H.EXAMPLE/T", "http://127.0.0.1.example.com/t");
            case INTEGER -> Gen.oneOf(Gen.longs().map(String::valueOf),
                    Gen.of("ten", "1.5", " 7 ", "99999999999999999999", "+3", "0x10"));
            case DURATION -> Gen.of("30s", "PT5M", "500ms", "1d", "0", "-5s", "PT-5M", "5 m", "ten minutes",
                    "99999999999999999d", "P1D", "PT0S", "1h30m", "9223372036854775807ms");
            case FLAG -> Gen.of("true", "false", "TRUE", "False", "yes", "1");
            case CHOICE -> Gen.oneOf(Gen.of(setting.choices()),
                    Gen.of(setting.choices()).map(String::toUpperCase),
                    Gen.of("unknown", "example.com", "doctoralia.xx"));
            case CHOICE_LIST -> Gen.oneOf(
                    Gen.of(setting.choices()).list(4).map(items -> String.join(" ", items)),
                    Gen.of(setting.choices()).list(4).map(items -> String.join(",", items)),
                    Gen.of("data nonsense", "*", "DATA"));
            case TEXT -> Gen.oneOf(Gen.strings(20),
                    Gen.of("55XXX.restAPITest", "msg\\55XXX", "a:b", "123456789012345678", "12345678901234567890"));
        };
        return Gen.oneOf(kind, blank, Gen.strings(10));
    }

    private static Gen<String> secrets() {
        return Gen.strings(Gen.charRange(' ', '~'), 0, 12).map(suffix -> "s3" + TestSecrets.MARKER + suffix);
    }

    @AfterAll
    static void writeFigures() {
        TALLY.write("settings");
    }

    /** A provider and the raw settings given to it. */
    record Candidate(Vendor vendor, Map<String, String> values) {
        @Override
        public String toString() {
            return vendor.id() + " " + values;
        }
    }
}
