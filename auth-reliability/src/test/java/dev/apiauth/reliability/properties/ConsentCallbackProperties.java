package dev.apiauth.reliability.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apiauth.spi.consent.ConsentCallbackException;
import dev.apiauth.provider.dotypos.DotyposConsent;
import dev.apiauth.spi.consent.ConsentResult;
import dev.apiauth.reliability.support.LogCapture;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.reliability.support.Transcript;
import dev.apiauth.spi.FormEncoding;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@code DotyposConsent.parseCallback} with arbitrary callback URIs and expected states: a result
 * or its documented {@link ConsentCallbackException}, never another exception, never the refresh
 * token or the state in a message; and a result only for the expected state.
 */
class ConsentCallbackProperties {
    private static final Tally TALLY = new Tally();

    static {
        LogCapture.install();
    }

    @Property(tries = 3000)
    void callbackGivesAResultOrAConsentCallbackException(@ForAll("callbacks") Callback callback) {
        AtomicReference<ConsentResult> result = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> result.set(DotyposConsent.parseCallback(callback.uri(),
                callback.expectedState())));
        TALLY.count("`DotyposConsent.parseCallback`", thrown == null ? "result"
                : thrown instanceof ConsentCallbackException refused ? "ConsentCallbackException " + refused.reason()
                : thrown.getClass().getSimpleName());

        assertThat(thrown == null || thrown.getClass() == ConsentCallbackException.class)
                .as("a result or ConsentCallbackException, got %s", thrown).isTrue();
        Transcript.record("consent callback", thrown != null ? thrown : result.get());
        if (thrown == null) {
            assertThat(callback.query()).contains("state=" + FormEncoding.percentEncode(callback.expectedState()));
            assertThat(result.get().secrets().get("refresh-token").reveal()).isNotBlank().doesNotContainAnyWhitespaces();
            assertThat(result.get().settings().get("cloud-id")).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Callback> callbacks() {
        Arbitrary<String> expected = Arbitraries.strings().ofMinLength(1).ofMaxLength(16)
                .filter(state -> !state.isBlank()).map(state -> "st" + TestSecrets.MARKER + state);
        return expected.flatMap(state -> {
            Arbitrary<String> stateValue = Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.just(state)),
                    Tuple.of(1, Arbitraries.just(state + "x")),
                    Tuple.of(1, Arbitraries.just("")),
                    Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
            Arbitrary<String> token = Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(20)
                            .map(suffix -> "rt" + TestSecrets.MARKER + suffix)),
                    Tuple.of(1, Arbitraries.strings().ofMaxLength(10).map(suffix -> TestSecrets.MARKER + " " + suffix)),
                    Tuple.of(1, Arbitraries.of("", " ", "\u0000", "a\nb")));
            Arbitrary<String> cloud = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMaxLength(8),
                    Arbitraries.strings().ofMaxLength(8));
            Arbitrary<String> pair = Arbitraries.frequencyOf(
                    Tuple.of(3, stateValue.map(value -> "state=" + encode(value))),
                    Tuple.of(3, token.map(value -> "token=" + encode(value))),
                    Tuple.of(3, cloud.map(value -> "cloudid=" + encode(value))),
                    Tuple.of(1, Arbitraries.of("state", "token", "cloudid", "", "=", "==", "token==x", "a=b", "error=access_denied")),
                    Tuple.of(1, Combinators.combine(Arbitraries.strings().ofMaxLength(6), Arbitraries.strings().ofMaxLength(6))
                            .as((name, value) -> encode(name) + "=" + encode(value))));
            Arbitrary<String> wellFormed = Combinators.combine(token, cloud, Arbitraries.of(0, 1, 2))
                    .as((value, cloudId, order) -> {
                        List<String> pairs = new java.util.ArrayList<>(List.of("token=" + encode(value),
                                "cloudid=" + encode(cloudId)));
                        pairs.add(order, "state=" + encode(state));
                        return String.join("&", pairs);
                    });
            Arbitrary<String> query = Arbitraries.frequencyOf(
                    Tuple.of(2, wellFormed),
                    Tuple.of(1, Combinators.combine(wellFormed, pair).as((good, extra) -> good + "&" + extra)),
                    Tuple.of(3, pair.list().ofMaxSize(6).map(pairs -> String.join("&", pairs))));
            Arbitrary<String> prefix = Arbitraries.of("http://127.0.0.1:8765/callback?", "/callback?",
                    "https://app.example/cb?x=1&", "http://127.0.0.1:8765/callback?&&");
            Arbitrary<String> fragment = Arbitraries.of("", "", "#", "#token=frag");
            return Combinators.combine(prefix, query, fragment)
                    .as((start, raw, end) -> new Callback(URI.create(start + raw + end), state, raw));
        });
    }

    /** Percent-encodes, sometimes leaving RFC 3986 characters a browser would leave alone. */
    private static String encode(String value) {
        return FormEncoding.percentEncode(value);
    }

    @AfterContainer
    static void writeFigures() {
        TALLY.write("consent");
    }

    /** A callback URI and the state the consent sent. */
    record Callback(URI uri, String expectedState, String query) {
        @Override
        public String toString() {
            return uri + " expecting state " + expectedState + " (" + List.of(query.split("&")).stream()
                    .collect(Collectors.joining(" & ")) + ")";
        }
    }
}
