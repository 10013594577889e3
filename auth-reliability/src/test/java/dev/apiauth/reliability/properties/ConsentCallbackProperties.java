package dev.apiauth.reliability.properties;

import static dev.apiauth.reliability.properties.Gen.weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apiauth.provider.dotypos.DotyposConsent;
import dev.apiauth.reliability.support.LogCapture;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.reliability.support.Transcript;
import dev.apiauth.spi.FormEncoding;
import dev.apiauth.spi.consent.ConsentCallbackException;
import dev.apiauth.spi.consent.ConsentResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

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

    @Property
    @MethodSource("callbacks")
    void callbackGivesAResultOrAConsentCallbackException(Tries.Sample<Callback> sample) {
        Callback callback = sample.value();
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

    static Stream<Tries.Sample<Callback>> callbacks() {
        Gen<String> expected = Gen.strings(1, 16).filter(state -> !state.isBlank())
                .map(state -> "st" + TestSecrets.MARKER + state);
        return Tries.of("callbacks", 3000, expected.flatMap(ConsentCallbackProperties::callbacksExpecting));
    }

    private static Gen<Callback> callbacksExpecting(String state) {
        Gen<String> stateValue = Gen.frequency(
                weight(6, Gen.just(state)),
                weight(1, Gen.just(state + "x")),
                weight(1, Gen.just("")),
                weight(1, Gen.strings(10)));
        Gen<String> token = Gen.frequency(
                weight(6, Gen.strings(Gen.charRange('!', '~'), 0, 20).map(suffix -> "rt" + TestSecrets.MARKER + suffix)),
                weight(1, Gen.strings(10).map(suffix -> TestSecrets.MARKER + " " + suffix)),
                weight(1, Gen.of("", " ", "\u0000", "a\nb")));
        Gen<String> cloud = Gen.oneOf(Gen.numeric(0, 8), Gen.strings(8));
        Gen<String> anyPair = Gen.strings(6);
        Gen<String> pair = Gen.frequency(
                weight(3, stateValue.map(value -> "state=" + encode(value))),
                weight(3, token.map(value -> "token=" + encode(value))),
                weight(3, cloud.map(value -> "cloudid=" + encode(value))),
                weight(1, Gen.of("state", "token", "cloudid", "", "=", "==", "token==x", "a=b", "error=access_denied")),
                weight(1, random -> encode(anyPair.next(random)) + "=" + encode(anyPair.next(random))));
        Gen<Integer> order = Gen.of(0, 1, 2);
        Gen<String> wellFormed = random -> {
            List<String> pairs = new ArrayList<>(List.of("token=" + encode(token.next(random)),
                    "cloudid=" + encode(cloud.next(random))));
            pairs.add(order.next(random), "state=" + encode(state));
            return String.join("&", pairs);
        };
        Gen<String> query = Gen.frequency(
                weight(2, wellFormed),
                weight(1, random -> wellFormed.next(random) + "&" + pair.next(random)),
                weight(3, pair.list(6).map(pairs -> String.join("&", pairs))));
        Gen<String> prefix = Gen.of("http://127.0.0.1:8765/callback?", "/callback?",
                "https://app.example/cb?x=1&", "http://127.0.0.1:8765/callback?&&");
        Gen<String> fragment = Gen.of("", "", "#", "#token=frag");
        return random -> {
            String start = prefix.next(random);
            String raw = query.next(random);
            String end = fragment.next(random);
            return new Callback(URI.create(start + raw + end), state, raw);
        };
    }

    /** Percent-encodes, sometimes leaving RFC 3986 characters a browser would leave alone. */
    private static String encode(String value) {
        return FormEncoding.percentEncode(value);
    }

    @AfterAll
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
