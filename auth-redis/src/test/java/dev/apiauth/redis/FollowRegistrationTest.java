package dev.apiauth.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.Credentials;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.TokenEndpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which {@code Credentials} follow the fleet's rejections. Registration happens when an account is
 * built and ends when it closes, without a Redis round trip (the engine asks Redis only for
 * tokens and budgets), so these tests need no {@code redis-server}: the state points at a loopback
 * port nothing listens on.
 */
class FollowRegistrationTest {
    private static final TokenEndpoint UNUSED = new TokenEndpoint() {
        @Override
        public EndpointResponse send(EndpointRequest request) {
            throw new AssertionError("no token is fetched in these tests");
        }
    };

    private RedisSharedState fleet;

    @BeforeEach
    void pointAtNothing() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        fleet = RedisSharedState.builder().redisUri("redis://127.0.0.1:" + port).encryptionKey(Fleet.KEY).build();
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    private Credentials account(int i) {
        return Credentials.builder(new FleetTestProvider()).sharedState(fleet).tokenEndpoint(UNUSED)
                .settings(Map.of("client-id", "client-" + i, "client-secret", "secret-" + i,
                        "token-url", "http://127.0.0.1:1/token"))
                .build();
    }

    @Test
    void closingEveryCredentialsLeavesNoRegistration() {
        List<Credentials> accounts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accounts.add(account(i));
        }
        assertThat(fleet.following()).isEqualTo(5);

        accounts.forEach(Credentials::close);

        assertThat(fleet.following()).isZero();
    }

    @Test
    void followingAnAccountBuiltWithThisStateAgainRegistersItOnce() {
        Credentials account = account(0);
        fleet.follow(account); // what the class Javadoc and a benchmark used to do after building it

        assertThat(fleet.following()).isEqualTo(1);
        account.close();
        assertThat(fleet.following()).isZero();
    }

    @Test
    void anAccountOfAnotherStateFollowsUntilItsFollowingCloses() {
        Credentials other = Credentials.builder(new FleetTestProvider()).tokenEndpoint(UNUSED)
                .settings(Map.of("client-id", "other", "client-secret", "secret", "token-url", "http://127.0.0.1:1/token"))
                .build();
        RedisSharedState.Following following = fleet.follow(other);
        assertThat(fleet.following()).isEqualTo(1);

        following.close();

        assertThat(fleet.following()).isZero();
        other.close();
    }
}
