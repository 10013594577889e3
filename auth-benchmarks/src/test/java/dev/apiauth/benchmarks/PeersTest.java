package dev.apiauth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.benchmarks.Peers.Library;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Each library, as the benchmarks configure it, gets its token from the loopback endpoint and then serves it from cache. */
class PeersTest {
    @ParameterizedTest
    @EnumSource(Library.class)
    void fetchesOnceFromTheLoopbackEndpointThenServesTheCachedToken(Library library) throws Exception {
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofHours(1));
                TokenClient client = library.client(server.tokenUri(), Schedule.libraryDefaults())) {
            assertThat(client.authorization()).isEqualTo("Bearer loopback-token-1");
            assertThat(client.authorization()).isEqualTo("Bearer loopback-token-1");
            assertThat(server.tokenRequests()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Library.class, names = {"GOOGLE_AUTH", "SPRING_SECURITY"})
    void peersTreatAShortTokenAsExpiredUnlessGivenAProportionalSchedule(Library library) throws Exception {
        // The libraries' default margins (minutes) exceed a 2-second lifetime: every call refetches.
        try (LoopbackTokenServer server = LoopbackTokenServer.start(Duration.ZERO, Duration.ofSeconds(2));
                TokenClient defaults = library.client(server.tokenUri(), Schedule.libraryDefaults());
                TokenClient proportional = library.client(server.tokenUri(), Schedule.proportional(Duration.ofSeconds(2)))) {
            defaults.authorization();
            defaults.authorization();
            assertThat(server.tokenRequests()).isEqualTo(2);

            String first = proportional.authorization();
            assertThat(proportional.authorization()).isEqualTo(first);
            assertThat(server.tokenRequests()).isEqualTo(3);
        }
    }

    @Test
    void proportionalScheduleIsApiauthsDefaultForThatLifetime() {
        Schedule schedule = Schedule.proportional(Duration.ofSeconds(2));

        assertThat(schedule.refreshAhead()).isEqualTo(Duration.ofMillis(400));
        assertThat(schedule.expiryMargin()).isEqualTo(Duration.ofMillis(200));
        assertThat(Schedule.libraryDefaults().isDefault()).isTrue();
    }

    @Test
    void parsesLibrariesByTheirCommandLineIds() {
        assertThat(Library.parse("google-auth")).isEqualTo(Library.GOOGLE_AUTH);
        assertThat(Library.parse(" spring-security-jdk ")).isEqualTo(Library.SPRING_SECURITY_JDK);
        assertThatThrownBy(() -> Library.parse("okhttp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown library 'okhttp'")
                .hasMessageContaining("apiauth");
    }
}
