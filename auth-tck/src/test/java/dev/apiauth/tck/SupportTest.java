package dev.apiauth.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.spi.oauth2.ClientCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TCK's building blocks: the fake clock and the secret scanner the redaction rules rely on. */
class SupportTest {
    private static final String SECRET = "s3cr3t/with space&more";

    @Test
    void fakeClockMovesOnlyForward() {
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

        clock.advance(Duration.ofSeconds(90));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:30Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:01:30Z").toEpochMilli());
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.set(Instant.parse("2025-12-31T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.withZone(java.time.ZoneId.of("Europe/Prague")).instant()).isEqualTo(clock.instant());
    }

    @Test
    void scannerFindsSecretsInTheFormsTheyTravelIn() {
        SecretScanner scanner = new SecretScanner().add("setting 'client-secret'", SECRET)
                .companions(List.of("client-7"));

        assertThat(scanner.find("raw " + SECRET)).contains("setting 'client-secret'");
        assertThat(scanner.find("form s3cr3t%2Fwith+space%26more")).contains("setting 'client-secret'");
        assertThat(scanner.find("query s3cr3t%2Fwith%20space%26more")).contains("setting 'client-secret'");
        assertThat(scanner.find("json \"s3cr3t\\/with space&more\"")).contains("setting 'client-secret'");
        String basic = ClientCredentials.basic("client-7", SECRET);
        assertThat(scanner.find("Authorization: " + basic)).contains("setting 'client-secret' (in a Basic credential)");
        assertThat(scanner.find("nothing secret here: client-secret=REDACTED")).isEmpty();
    }

    @Test
    void scannerRedactsByName() {
        SecretScanner scanner = new SecretScanner().add("the refresh token", "tck-refresh-1-abcdef");

        assertThat(scanner.redact("saved tck-refresh-1-abcdef to the store"))
                .isEqualTo("saved <the refresh token> to the store");
    }
}
