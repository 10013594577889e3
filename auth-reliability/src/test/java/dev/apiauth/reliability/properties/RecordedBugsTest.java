package dev.apiauth.reliability.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.reliability.support.TestSecrets;
import dev.apiauth.reliability.support.Vendor;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.testing.TestJwt;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The failing inputs the property tests (and this module's probes) found, kept as plain examples of
 * the correct behaviour.
 */
class RecordedBugsTest {
    private static final Clock CLOCK = Clock.fixed(Generators.NOW, ZoneOffset.UTC);

    // Issue 13.2: an implausible JWT exp is used with the lifetime capped at 24 h (it was refused, an outage).
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DOO", "DOTYPOS"})
    void jwtExpBeyondTheInstantRangeIsUsedWithTheLifetimeCapped(Vendor vendor) {
        // exp = 10^17 s: Instant.ofEpochSecond once threw DateTimeException inside Jwt.expiry.
        assertThat(fetchWithExp(vendor, 100_000_000_000_000_000L))
                .as(vendor.id()).isInstanceOfSatisfying(AccessToken.class, RecordedBugsTest::cappedAt24Hours);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DOO", "DOTYPOS"})
    void jwtExpBeyondEpochMillisIsUsedWithTheLifetimeCapped(Vendor vendor) {
        // exp = 10^16 s: a valid Instant, but RefreshPolicy.schedule once overflowed in toEpochMilli.
        assertThat(fetchWithExp(vendor, 10_000_000_000_000_000L))
                .as(vendor.id()).isInstanceOfSatisfying(AccessToken.class, RecordedBugsTest::cappedAt24Hours);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DOO", "DOTYPOS"})
    void jwtExpMoreThanTenYearsAheadIsUsedWithTheLifetimeCapped(Vendor vendor) {
        // exp = now + 10^12 s (~31 700 years)
        assertThat(fetchWithExp(vendor, Generators.NOW.getEpochSecond() + 1_000_000_000_000L))
                .as(vendor.id()).isInstanceOfSatisfying(AccessToken.class, RecordedBugsTest::cappedAt24Hours);
    }

    private static void cappedAt24Hours(AccessToken token) {
        assertThat(token.lifetime()).contains(Duration.ofHours(24));
    }

    @Test
    void aTokenUrlWithAnImpossiblePortIsRefusedAsAnInvalidSetting() {
        Throwable thrown = catchThrowable(() -> {
            try (Credentials credentials = Credentials.builder(Vendor.DOCPLANNER.provider())
                    .settings(Vendor.DOCPLANNER.settings("http://127.0.0.1:99999"))
                    .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                    .build()) {
                credentials.token();
            }
        });
        assertThat(thrown).isInstanceOf(dev.apiauth.spi.InvalidSettingsException.class)
                .hasMessageContaining("'token-url'").hasMessageContaining("65535")
                .hasMessageNotContaining("failed unexpectedly");
    }

    /**
     * The token (or the exception) the engine gives for the vendor's success answer, its JWT
     * replaced by one whose {@code exp} is {@code exp}.
     */
    private static Object fetchWithExp(Vendor vendor, long exp) {
        Vendor.Issued issued = vendor.issue(Generators.NOW, Duration.ofHours(1));
        String jwt = TestJwt.builder().subject("bug").claim("exp", exp).signature("c2ln" + TestSecrets.MARKER).build();
        String body = issued.response().body().replace(issued.token(), jwt);
        EndpointResponse answer = new EndpointResponse(200, Map.of("Content-Type", List.of("application/json")),
                body, Generators.parse(body));
        try (Credentials credentials = Credentials.builder(vendor.provider())
                .settings(vendor.settings("https://token.example.test"))
                .clock(CLOCK)
                .tokenEndpoint(request -> answer)
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                .build()) {
            Throwable thrown = catchThrowable(credentials::token);
            return thrown != null ? thrown : credentials.token();
        }
    }
}
