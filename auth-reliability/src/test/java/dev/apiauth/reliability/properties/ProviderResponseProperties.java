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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

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

    @Property(tries = 3000)
    void everyProviderMapsAnyAnswerToATokenOrATypedException(@ForAll("vendors") Vendor vendor,
            @ForAll("responses") EndpointResponse response) {
        check(vendor, response, "provider token sources");
    }

    /**
     * The same over every {@code exp} a JWT can carry; the inputs that once failed are kept as
     * {@link RecordedBugsTest}.
     */
    @Property(tries = 3000)
    void everyProviderMapsAnyJwtExpiryToATokenOrATypedException(@ForAll("vendors") Vendor vendor,
            @ForAll("anyExpResponses") EndpointResponse response) {
        check(vendor, response, "provider token sources, any JWT exp");
    }

    private static void check(Vendor vendor, EndpointResponse response, String property) {
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

    @Provide
    Arbitrary<Vendor> vendors() {
        return Arbitraries.of(Vendor.values());
    }

    @Provide
    Arbitrary<EndpointResponse> responses() {
        return Generators.responses(REPRESENTABLE_EXP);
    }

    @Provide
    Arbitrary<EndpointResponse> anyExpResponses() {
        return Generators.responses(Long.MAX_VALUE);
    }

    @AfterContainer
    static void writeFigures() {
        TALLY.write("providers");
    }
}
