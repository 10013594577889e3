package dev.apiauth.testing;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The example in auth-testing/README.md, compiled and run by {@link TestingExampleTest}. */
final class TestingExample {
    private TestingExample() {
    }

    /** What the example observed. */
    record Seen(String jwtClaims, boolean freshAfter59Minutes, boolean freshAfter61Minutes, Map<String, String> stored) {
    }

    static Seen run() {
        // tag::testing[]
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        String jwt = TestJwt.builder()
                .subject("user-1")
                .expiresAt(clock.instant().plus(Duration.ofHours(1)))
                .build();                                   // header.claims.signature, base64url
        AccessToken token = AccessToken.builder(jwt, clock.instant()).expiresIn(Duration.ofHours(1)).build();

        clock.advance(Duration.ofMinutes(59));              // no sleeping: the test moves time
        boolean fresh = clock.instant().isBefore(token.expiresAt().orElseThrow());         // true
        clock.advance(Duration.ofMinutes(2));
        boolean stillFresh = clock.instant().isBefore(token.expiresAt().orElseThrow());    // false

        RecordingSecretStore store = new RecordingSecretStore();
        store.save("dotypos/refresh-token", Secret.of("rt-1"));
        Map<String, String> stored = store.contents();      // {dotypos/refresh-token=rt-1}
        // end::testing[]
        return new Seen(TestJwt.decode(jwt).claims(), fresh, stillFresh, stored);
    }
}
