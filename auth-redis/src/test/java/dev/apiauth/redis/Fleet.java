package dev.apiauth.redis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.apiauth.core.AuthListener;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.Secret;
import dev.apiauth.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Builds simulated fleet instances: each its own {@link RedisSharedState} (connection) and {@link Credentials}. */
final class Fleet implements AutoCloseable {
    static final String CLIENT_ID = "fleet-client";
    /** A fixed test key; production keys come from settings (openssl rand -base64 32). */
    static final Secret KEY = Secret.of(Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    private final String redisUri;
    private final WireMockServer vendor;
    private final Clock clock;
    private final List<AutoCloseable> opened = new ArrayList<>();

    Fleet(String redisUri, WireMockServer vendor, Clock clock) {
        this.redisUri = redisUri;
        this.vendor = vendor;
        this.clock = clock;
    }

    RedisSharedState.Builder stateBuilder() {
        // Generous timeouts so a busy CI machine does not look like a Redis outage; the outage
        // tests stop Redis, which refuses connections at once.
        return RedisSharedState.builder().redisUri(redisUri).encryptionKey(KEY).clock(clock)
                .commandTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(5))
                .retryInterval(Duration.ofMillis(100));
    }

    RedisSharedState state() {
        return track(stateBuilder().build());
    }

    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    Credentials.Builder credentialsBuilder(RedisSharedState state, int requestsPerSecond) {
        return Credentials.builder(new FleetTestProvider())
                .settings(Map.of("client-id", CLIENT_ID, "client-secret", FleetTestProvider.CLIENT_SECRET,
                        "token-url", vendor.baseUrl() + "/token", "requests-per-second", String.valueOf(requestsPerSecond)))
                .clock(MutableClock.viewOf(clock))
                .sharedState(state)
                .listener(AuthListener.none());
    }

    /** One instance of the fleet: a new connection to Redis and an engine with the fleet's settings. */
    Credentials instance() {
        return track(credentialsBuilder(state(), 0).build());
    }

    /** The vendor issues a new random token per request, valid {@code lifetime}, after {@code delay}. */
    static void issueTokens(WireMockServer vendor, Duration lifetime, Duration delay) {
        vendor.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withFixedDelay((int) delay.toMillis())
                .withBody("{\"access_token\":\"tok-{{randomValue length=32 type='ALPHANUMERIC'}}\","
                        + "\"token_type\":\"bearer\",\"expires_in\":" + lifetime.toSeconds() + "}")
                .withTransformers("response-template")));
    }

    static int tokenRequests(WireMockServer vendor) {
        return vendor.countRequestsMatching(postRequestedFor(urlPathEqualTo("/token")).build()).getCount();
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + opened.get(i) + " failed", e);
            }
        }
        opened.clear();
    }
}
