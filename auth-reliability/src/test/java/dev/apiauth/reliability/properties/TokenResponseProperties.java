package dev.apiauth.reliability.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apiauth.reliability.support.LogCapture;
import dev.apiauth.reliability.support.Transcript;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code TokenResponses.parse} (auth-spi) fed arbitrary endpoint answers. */
class TokenResponseProperties {
    private static final Clock CLOCK = Clock.fixed(Generators.NOW, ZoneOffset.UTC);
    private static final TokenResponses RESPONSES = TokenResponses.of("prop", CLOCK);
    private static final Tally TALLY = new Tally();

    static {
        LogCapture.install();
    }

    @Property
    @MethodSource("responses")
    void parseGivesATokenOrATypedExceptionAndNeverQuotesTheToken(Tries.Sample<EndpointResponse> sample) {
        EndpointResponse response = sample.value();
        AtomicReference<AccessToken> parsed = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> parsed.set(RESPONSES.parse(response)));
        TALLY.count("`TokenResponses.parse`", Verdicts.label(thrown));

        assertThat(Verdicts.typed(thrown) || thrown == null).as("typed outcome, got %s", thrown).isTrue();
        Transcript.record("TokenResponses.parse", thrown != null ? thrown : parsed.get());
        if (thrown == null) {
            AccessToken token = parsed.get();
            assertThat(token.value()).isNotBlank();
            token.lifetime().ifPresent(lifetime ->
                    assertThat(lifetime.isNegative()).as("negative lifetime %s", lifetime).isFalse());
        }
    }

    static Stream<Tries.Sample<EndpointResponse>> responses() {
        return Tries.of("responses", 3000, Generators.responses(Long.MAX_VALUE));
    }

    @AfterAll
    static void writeFigures() {
        TALLY.write("token-responses");
    }
}
