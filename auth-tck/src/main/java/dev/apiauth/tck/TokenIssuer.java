package dev.apiauth.tck;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Capability;
import dev.apiauth.testing.TestJwt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Mints the tokens the fake token endpoint hands out (opaque, or JWTs when the vendor's are) and
 * remembers them, so rules can tell which token the engine serves. Every minted value joins the
 * rule's secrets.
 */
final class TokenIssuer {
    /** The lifetime of tokens the fake endpoint issues when the vendor's tokens expire. */
    static final Duration LIFETIME = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContractFixture fixture;
    private final Clock clock;
    private final SecretScanner secrets;
    private final List<IssuedToken> issued = new CopyOnWriteArrayList<>();
    private volatile Optional<Duration> lifetime;

    TokenIssuer(ContractFixture fixture, Clock clock, SecretScanner secrets) {
        this.fixture = fixture;
        this.clock = clock;
        this.secrets = secrets;
        this.lifetime = fixture.capabilities().contains(Capability.EXPIRING_TOKENS) ? Optional.of(LIFETIME)
                : Optional.empty();
    }

    /** Sets the lifetime of the tokens issued from now on (empty: the vendor announces none). */
    void lifetime(Optional<Duration> value) {
        this.lifetime = value;
    }

    /** The tokens issued in usable answers, oldest first. */
    List<IssuedToken> issued() {
        return issued;
    }

    /**
     * Issues the next token: opaque, or a JWT with {@code exp} when the vendor's tokens are JWTs and
     * the lifetime is known. {@code record} is false for tokens sent in answers meant to be unusable.
     */
    IssuedToken issue(boolean record) {
        synchronized (issued) {
            int sequence = issued.size() + 1;
            Instant now = clock.instant();
            Optional<Duration> life = lifetime;
            String nonce = HexFormat.of().formatHex(randomBytes(6));
            String value = fixture.tokenEndpoint().map(TokenEndpointFixture::tokenFormat)
                    .filter(format -> format == TokenEndpointFixture.TokenFormat.JWT && life.isPresent())
                    .map(format -> jwt(sequence, nonce, now, now.plus(life.get())))
                    .orElse("tck-access-" + sequence + "-" + nonce);
            Optional<String> refresh = fixture.refreshTokens().filter(RefreshTokenFixture::rotates)
                    .map(fixture -> "tck-refresh-" + sequence + "-" + HexFormat.of().formatHex(randomBytes(6)));
            IssuedToken token = new IssuedToken(sequence, value, now, life, refresh);
            secrets.add("access token " + sequence, value);
            refresh.ifPresent(rt -> secrets.add("refresh token " + sequence, rt));
            if (record) {
                issued.add(token);
            }
            return token;
        }
    }

    private static String jwt(int sequence, String nonce, Instant issuedAt, Instant expiresAt) {
        return TestJwt.builder().subject("apiauth-tck").id("tck-" + sequence + "-" + nonce)
                .issuedAt(issuedAt).expiresAt(expiresAt)
                .signature(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("tck-unsigned-" + nonce).getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The issued token whose value the engine hands out, or a sequence-0 stand-in for static credentials. */
    IssuedToken issuedFor(AccessToken token) {
        for (IssuedToken candidate : issued) {
            if (candidate.value().equals(token.value())) {
                return candidate;
            }
        }
        return new IssuedToken(0, token.value(), token.issuedAt(), token.lifetime(), Optional.empty());
    }
}
