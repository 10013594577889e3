package dev.apiauth.reliability.properties;

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
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

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

    @Property(tries = 2000)
    void settingsAreValidOrOneErrorListsEveryProblemWithoutSecrets(@ForAll("settings") Candidate candidate) {
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
                    setting -> setting.check(value).ifPresent(problem ->
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

    @Provide
    Arbitrary<Candidate> settings() {
        List<Arbitrary<Candidate>> perVendor = new ArrayList<>();
        for (Vendor vendor : Vendor.values()) {
            perVendor.add(candidates(vendor));
        }
        return Arbitraries.oneOf(perVendor);
    }

    private static Arbitrary<Candidate> candidates(Vendor vendor) {
        List<Setting> declared = vendor.provider().info().settings();
        Map<String, String> account = vendor.settings("https://token.example.test");
        List<Arbitrary<Optional<String>>> values = new ArrayList<>();
        for (Setting setting : declared) {
            Arbitrary<String> valid = account.containsKey(setting.name())
                    ? Arbitraries.just(account.get(setting.name()))
                    : setting.defaultValue().map(Arbitraries::just).orElseGet(() -> values(setting));
            values.add(Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.just(Optional.<String>empty())),
                    Tuple.of(4, valid.map(Optional::of)),
                    Tuple.of(1, values(setting).map(Optional::of))));
        }
        Arbitrary<Map<String, String>> unknown = Arbitraries.maps(
                Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.of("client_id", "CLIENT-SECRET", "token.url", "tokenUrl", "secret")),
                secrets()).ofMaxSize(1);
        return Combinators.combine(Combinators.combine(values).as(List::copyOf), unknown).as((given, extra) -> {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < declared.size(); i++) {
                String name = declared.get(i).name();
                given.get(i).ifPresent(value -> map.put(name, value));
            }
            extra.forEach((name, value) -> {
                if (vendor.provider().info().setting(name).isEmpty()) {
                    map.put(name, value);
                }
            });
            return new Candidate(vendor, map);
        });
    }

    /** Values of the setting's kind, valid and not; secrets carry the marker. */
    private static Arbitrary<String> values(Setting setting) {
        Arbitrary<String> blank = Arbitraries.of("", " ", "\t", "\n ");
        if (setting.secret()) {
            return Arbitraries.oneOf(secrets(), blank);
        }
        Arbitrary<String> kind = switch (setting.kind()) {
            case URL -> Arbitraries.of("https://token.example.test/oauth", "http://127.0.0.1:8080/token",
                    "http://localhost/token", "http://[::1]:9/t", "http://example.com/token", "ftp://example.com/t",
                    "not a url", "https://", "https://exa mple.com/", "https://host.example:99999/t",
                    "https://h.example/x?q=1#frag", "//no-scheme.example/t", "mailto:a@example.com",
                    "https://user:pw@h.example/t", "HTTPS://H.EXAMPLE/T", "http://127.0.0.1.example.com/t");
            case INTEGER -> Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                    Arbitraries.of("ten", "1.5", " 7 ", "99999999999999999999", "+3", "0x10"));
            case DURATION -> Arbitraries.of("30s", "PT5M", "500ms", "1d", "0", "-5s", "PT-5M", "5 m", "ten minutes",
                    "99999999999999999d", "P1D", "PT0S", "1h30m", "9223372036854775807ms");
            case FLAG -> Arbitraries.of("true", "false", "TRUE", "False", "yes", "1");
            case CHOICE -> Arbitraries.oneOf(Arbitraries.of(setting.choices()),
                    Arbitraries.of(setting.choices()).map(String::toUpperCase),
                    Arbitraries.of("unknown", "example.com", "doctoralia.xx"));
            case CHOICE_LIST -> Arbitraries.oneOf(
                    Arbitraries.of(setting.choices()).list().ofMaxSize(4).map(items -> String.join(" ", items)),
                    Arbitraries.of(setting.choices()).list().ofMaxSize(4).map(items -> String.join(",", items)),
                    Arbitraries.of("data nonsense", "*", "DATA"));
            case TEXT -> Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                    Arbitraries.of("55XXX.restAPITest", "msg\\55XXX", "a:b", "123456789012345678", "12345678901234567890"));
        };
        return Arbitraries.oneOf(kind, blank, Arbitraries.strings().ofMaxLength(10));
    }

    private static Arbitrary<String> secrets() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12)
                .map(suffix -> "s3" + TestSecrets.MARKER + suffix);
    }

    @AfterContainer
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
