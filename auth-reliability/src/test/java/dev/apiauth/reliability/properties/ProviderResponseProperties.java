package dev.apiauth.reliability.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.reliability.support.LogCapture;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.reliability.support.Transcript;
import dev.apiauth.reliability.support.Vendor;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each provider's token source, through the engine ({@code Credentials.Builder.tokenEndpoint}), fed
 * arbitrary endpoint answers: a token or a typed exception, never the engine's "the provider failed
 * unexpectedly" wrapper around an unchecked exception, never a token in a message or log line.
 */
class ProviderResponseProperties {
    /** JWT {@code exp} values up to here are representable as epoch milliseconds (±31 million years). */
    static final long REPRESENTABLE_EXP = 1_000_000_000_000_000L;
    private static final Clock CLOCK = Clock.fixed(Generators.NOW, ZoneOffset.UTC);
    private static final Tally TALLY = new Tally();

    static {
        LogCapture.install();
    }

    @Property
    @MethodSource("responses")
    void everyProviderMapsAnyAnswerToATokenOrATypedException(Tries.Sample<Answer> sample) {
        check(sample.value(), "provider token sources");
    }

    /**
     * The same over every {@code exp} a JWT can carry; the inputs that once failed are kept as
     * {@link RecordedBugsTest}.
     */
    @Property
    @MethodSource("anyExpResponses")
    void everyProviderMapsAnyJwtExpiryToATokenOrATypedException(Tries.Sample<Answer> sample) {
        check(sample.value(), "provider token sources, any JWT exp");
    }

    private static void check(Answer answer, String property) {
        Vendor vendor = answer.vendor();
        EndpointResponse response = answer.response();
        int mark = LogCapture.mark();
        try (Credentials credentials = Credentials.builder(vendor.provider())
                .settings(vendor.settings("https://token.example.test"))
                .clock(CLOCK)
                .tokenEndpoint(request -> response)
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                .sleeper(wait -> { })
                .build()) {
            AtomicReference<AccessToken> token = new AtomicReference<>();
            Throwable thrown = catchThrowable(() -> token.set(credentials.token()));
            TALLY.count(property + " (" + vendor.id() + ")", Verdicts.label(thrown));

            assertThat(thrown == null || Verdicts.typed(thrown))
                    .as("%s: a token or a typed exception, got %s caused by %s", vendor.id(), thrown,
                            thrown == null ? null : thrown.getCause())
                    .isTrue();
            Transcript.record(vendor.id() + " token source", thrown != null ? thrown : token.get());
        }
        for (String line : LogCapture.since(mark)) {
            assertThat(TestSecrets.findIn(line)).as("secret in log line: %s", line).isNull();
        }
    }

    static Stream<Tries.Sample<Answer>> responses() {
        return Tries.of("responses", 3000, answers(REPRESENTABLE_EXP));
    }

    static Stream<Tries.Sample<Answer>> anyExpResponses() {
        return Tries.of("anyExpResponses", 3000, answers(Long.MAX_VALUE));
    }

    private static Gen<Answer> answers(long maxAbsExp) {
        Gen<Vendor> vendors = Gen.of(Vendor.values());
        Gen<EndpointResponse> responses = Generators.responses(maxAbsExp);
        return random -> new Answer(vendors.next(random), responses.next(random));
    }

    @AfterAll
    static void writeFigures() {
        TALLY.write("providers");
    }

    /** A provider and the answer its token endpoint gives. */
    record Answer(Vendor vendor, EndpointResponse response) {
    }
}
