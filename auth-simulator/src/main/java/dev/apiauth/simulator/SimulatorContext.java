package dev.apiauth.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What every simulation shares: clock, token lifetimes, the issued tokens, counters, randomness, the JWT key. */
final class SimulatorContext {
    final Clock clock;
    final IssuedTokens tokens;
    private final Map<String, Duration> lifetimes;
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> apiRequests = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] signingKey = new byte[32];

    SimulatorContext(Clock clock, Map<String, Duration> lifetimes) {
        this.clock = clock;
        this.tokens = new IssuedTokens(clock);
        this.lifetimes = Map.copyOf(lifetimes);
        random.nextBytes(signingKey);
    }

    /** Now in whole seconds, as tokens carry times ({@code exp}, {@code expires_in}). */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    Duration lifetime(String providerId) {
        return lifetimes.get(providerId);
    }

    byte[] signingKey() {
        return signingKey.clone();
    }

    /** {@code bytes} random bytes as lower-case hex. */
    String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    void countTokenRequest(String providerId) {
        tokenRequests.computeIfAbsent(providerId, id -> new AtomicInteger()).incrementAndGet();
    }

    void countApiRequest(String providerId) {
        apiRequests.computeIfAbsent(providerId, id -> new AtomicInteger()).incrementAndGet();
    }

    int tokenRequests(String providerId) {
        AtomicInteger count = tokenRequests.get(providerId);
        return count == null ? 0 : count.get();
    }

    int apiRequests(String providerId) {
        AtomicInteger count = apiRequests.get(providerId);
        return count == null ? 0 : count.get();
    }

    void resetCounters() {
        tokenRequests.clear();
        apiRequests.clear();
    }

    /** Compares a presented credential with the configured one in constant time; {@code null} never matches. */
    static boolean matches(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
