package dev.apiauth.tck;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token the TCK's fake token endpoint issues, handed to the fixture so it can answer in the
 * vendor's shape ({@link TokenEndpointFixture.Builder#success}) and say which headers an API request
 * carries with it ({@link ContractFixture#authorizedHeaders}).
 *
 * @param sequence 1 for the first token of a test, 2 for the next, …; 0 for a provider without a
 *     token endpoint, whose "token" is whatever its token source returned
 * @param value the access token; a JWT with {@code exp} when the endpoint's format is
 *     {@link TokenEndpointFixture.TokenFormat#JWT} and the lifetime is known
 * @param issuedAt when the token was issued, by the TCK's {@link FakeClock}
 * @param lifetime the lifetime to announce (e.g. as {@code expires_in}); empty means the vendor
 *     answers without one
 * @param refreshToken a new refresh token to include in the answer, for vendors that rotate them
 *     ({@link RefreshTokenFixture.Builder#rotates})
 */
public record IssuedToken(int sequence, String value, Instant issuedAt, Optional<Duration> lifetime,
        Optional<String> refreshToken) {
    /**
     * A regular expression matching every rotated refresh token the TCK issues, for the fixture's
     * request matcher: {@code matching("…refresh_token=(" + Pattern.quote(initial) + "|" + ROTATED_REFRESH_TOKEN + ")")}.
     */
    public static final String ROTATED_REFRESH_TOKEN = "tck-refresh-[0-9]+-[0-9a-f]+";

    public IssuedToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    /**
     * The lifetime in whole seconds, for an {@code expires_in} field.
     *
     * @throws IllegalStateException when the token has no lifetime; check {@link #lifetime()} first
     */
    public long expiresInSeconds() {
        return lifetime.orElseThrow(() -> new IllegalStateException(
                "token " + sequence + " has no lifetime; answer without expires_in when lifetime() is empty"))
                .toSeconds();
    }

    /** When the token expires, if it has a lifetime. */
    public Optional<Instant> expiresAt() {
        return lifetime.map(issuedAt::plus);
    }

    @Override
    public String toString() {
        return "IssuedToken[" + sequence + ", lifetime=" + lifetime.map(Duration::toString).orElse("unknown") + "]";
    }
}
