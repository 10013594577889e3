package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens expire by the simulator's clock after the configured lifetime, and the engine sees the same lifetime. */
class TokenExpiryTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration LIFETIME = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(START);
    private final VendorSimulator simulator = VendorSimulator.builder().clock(clock).tokenLifetime(LIFETIME).build();
    private final Engine engine = new Engine(clock);

    @AfterEach
    void close() {
        engine.close();
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"doo", "docplanner", "domo", "docoon", "dotypos"})
    void tokensCarryTheConfiguredLifetime(String providerId) {
        Credentials credentials = engine.credentials(providerId, simulator.settingsFor(providerId));

        AccessToken token = credentials.token();

        // JWT exp (doo, Domo, Dotypos) or expires_in (Docplanner, Docoon, Domo): the engine learns the lifetime.
        assertThat(token.expiresAt()).contains(START.plus(LIFETIME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"doo", "docplanner", "domo", "docoon", "dotypos"})
    void apiRejectsATokenOnceTheClockPassesItsExpiry(String providerId) {
        Credentials credentials = engine.credentials(providerId, simulator.settingsFor(providerId));
        Map<String, String> headers = credentials.headers();

        clock.advance(LIFETIME.minusSeconds(1));
        HttpResponse<String> justBefore = Engine.get(simulator.apiUri(providerId), headers);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> atExpiry = Engine.get(simulator.apiUri(providerId), headers);

        assertThat(justBefore.statusCode()).as(justBefore.body()).isEqualTo(200);
        assertThat(atExpiry.statusCode()).as(atExpiry.body()).isEqualTo(providerId.equals("dotypos") ? 403 : 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"doo", "docplanner", "domo", "docoon", "dotypos"})
    void engineFetchesANewTokenBeforeCallingWithAnExpiredOne(String providerId) {
        Credentials credentials = engine.credentials(providerId, simulator.settingsFor(providerId));
        assertThat(Engine.authorizedGet(credentials, simulator.apiUri(providerId)).statusCode()).isEqualTo(200);

        clock.advance(LIFETIME.plusSeconds(1));
        HttpResponse<String> later = Engine.authorizedGet(credentials, simulator.apiUri(providerId));

        assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
        assertThat(simulator.tokenRequests(providerId)).isEqualTo(2);
        // No request was wasted on the expired token.
        assertThat(simulator.apiRequests(providerId)).isEqualTo(2);
    }
}
