package dev.apiauth.spi.oauth2;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.internal.SettingValues;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * RFC 6749 §5.1 / §5.2 response handling, and the status-to-exception mapping every token endpoint
 * shares: 2xx is a token, 429/5xx/408 are transient (with {@code Retry-After}), 400/401/403 are
 * rejected credentials, anything else is an unexpected answer.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class TokenResponses {
    /**
     * The longest lifetime a token can carry: about 292 million years, far beyond anything
     * plausible, so a larger figure is clamped to it rather than overflowing. The engine caps
     * implausible lifetimes (over ten years) anyway and warns.
     */
    private static final BigDecimal MAX_REPRESENTABLE_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1000);
    /** The token types {@link #standardToken(String, int, Map, Instant)} understands. */
    private static final Set<String> BEARER_ONLY = Set.of("Bearer");

    private TokenResponses() {
    }

    /** Parses a standard OAuth2 token response, or throws the matching typed exception. */
    public static AccessToken parse(String providerId, EndpointResponse response, Clock clock) {
        Map<String, Object> body = successObject(providerId, response, clock);
        return standardToken(providerId, response.status(), body, clock.instant()).build();
    }

    /**
     * The JSON object of a successful answer; any other answer becomes the typed exception for it,
     * with the RFC 6749 {@code error}/{@code error_description} when present.
     */
    public static Map<String, Object> successObject(String providerId, EndpointResponse response, Clock clock) {
        if (!response.isSuccess()) {
            Map<String, Object> error = response.jsonObject().orElse(Map.of());
            throw failure(providerId, response, clock, text(error.get("error")), text(error.get("error_description")));
        }
        return response.jsonObject().orElseThrow(() -> new MalformedResponseException(providerId, response.status(),
                "the token endpoint answered HTTP " + response.status() + " with "
                        + describeBody(response) + " instead of a JSON object; check the token URL setting"));
    }

    /**
     * A token builder from the RFC 6749 §5.1 fields of {@code body}: {@code access_token} (required),
     * {@code token_type} {@code bearer} in any case (Bearer when absent), {@code expires_in} as a
     * number or numeric string, {@code scope}. Providers add their vendor attributes to the returned
     * builder. Any other token type is a {@link MalformedResponseException}: RFC 6749 §7.1 says a
     * client must not use a token whose type it does not understand, and the engine would otherwise
     * send it as {@code Authorization: <type> <token>}.
     */
    public static AccessToken.Builder standardToken(String providerId, int status, Map<String, Object> body,
            Instant now) {
        return standardToken(providerId, status, body, now, BEARER_ONLY);
    }

    /**
     * Like {@link #standardToken(String, int, Map, Instant)}, for a provider that understands other
     * token types than Bearer. The token keeps the type as the vendor wrote it ({@code bearer} becomes
     * {@code Bearer}); a provider declaring a type other than Bearer must build the request headers
     * for it in {@link dev.apiauth.spi.TokenSource#headers(AccessToken)}.
     *
     * @param understoodTypes every token type the provider can use, compared ignoring case (include
     *     {@code Bearer} to keep accepting it, and an answer without {@code token_type}); not empty
     */
    public static AccessToken.Builder standardToken(String providerId, int status, Map<String, Object> body,
            Instant now, Set<String> understoodTypes) {
        if (understoodTypes.isEmpty()) {
            throw new IllegalArgumentException("a provider understands at least one token type");
        }
        String value = requireText(providerId, status, body, "access_token");
        AccessToken.Builder token = AccessToken.builder(value, now);
        Object type = body.get("token_type");
        String typeText = type instanceof String text && !text.isBlank() ? text.strip() : null;
        if (!understands(understoodTypes, typeText == null ? "Bearer" : typeText)) {
            throw new MalformedResponseException(providerId, status, (typeText == null ? "the token response has no"
                    + " 'token_type' (which means Bearer)" : "the token response has 'token_type' '" + typeText + "'")
                    + ", which this provider does not understand (it understands "
                    + new TreeSet<>(understoodTypes).stream().collect(Collectors.joining(", "))
                    + "); RFC 6749 §7.1 forbids using such a token. Check the token URL, or the vendor changed"
                    + " its token type");
        }
        if (typeText != null) {
            token.type(typeText);
        }
        expiresIn(providerId, status, body.get("expires_in")).ifPresent(token::expiresIn);
        Object scope = body.get("scope");
        if (scope instanceof String scopeText && !scopeText.isBlank()) {
            token.scopes(SettingValues.splitList(scopeText));
        }
        return token;
    }

    private static boolean understands(Set<String> understoodTypes, String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return understoodTypes.stream().anyMatch(understood -> understood.toLowerCase(Locale.ROOT).equals(lower));
    }

    /** A required non-blank string field of a token response. */
    public static String requireText(String providerId, int status, Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new MalformedResponseException(providerId, status, "the token response has "
                    + (value == null ? "no '" + field + "'" : "an empty or non-text '" + field + "'")
                    + "; the vendor answered, but not with a token");
        }
        return text.strip();
    }

    /**
     * {@code expires_in} as seconds: a non-negative number or numeric string; absent is empty. A
     * far-future lifetime is returned as it is (clamped to what a {@link Duration} of milliseconds
     * holds): it is implausible, not malformed, and the engine uses such a token with its lifetime
     * capped.
     */
    public static Optional<Duration> expiresIn(String providerId, int status, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        BigDecimal seconds;
        try {
            seconds = value instanceof Number number ? new BigDecimal(number.toString())
                    : new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new MalformedResponseException(providerId, status, "'expires_in' is not a number of seconds");
        }
        if (seconds.signum() < 0) {
            throw new MalformedResponseException(providerId, status,
                    "'expires_in' of " + seconds.toPlainString() + " seconds is negative");
        }
        return Optional.of(Duration.ofMillis(seconds.min(MAX_REPRESENTABLE_SECONDS).movePointRight(3).longValue()));
    }

    /**
     * The expiry of a JWT access token from its {@code exp} claim: empty when the token is not a JWT
     * or has no numeric {@code exp}; a {@link MalformedResponseException} when {@code exp} is not
     * after {@code now} (a dead token, or this machine's clock is wrong). A far-future {@code exp} is
     * returned (clamped to {@link Instant#MAX}): the engine uses such a token with its lifetime
     * capped.
     */
    public static Optional<Instant> jwtExpiry(String providerId, int status, String token, dev.apiauth.spi.Json json,
            Instant now) {
        Optional<Object> exp = Jwt.claims(token, json).map(claims -> claims.get("exp"));
        if (exp.isEmpty() || !(exp.get() instanceof Number number)) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(number.toString());
        BigDecimal nowSeconds = BigDecimal.valueOf(now.getEpochSecond());
        if (seconds.compareTo(nowSeconds) <= 0) {
            throw new MalformedResponseException(providerId, status, "the issued token's JWT exp (" + seconds.toPlainString()
                    + ") is not after this machine's time " + now + "; check the system clock");
        }
        return Optional.of(Instant.ofEpochSecond(seconds.min(BigDecimal.valueOf(Instant.MAX.getEpochSecond())).longValue()));
    }

    /**
     * The typed exception for an unsuccessful answer.
     *
     * @param error the vendor's error code, or {@code null}
     * @param description the vendor's message, or {@code null}
     */
    public static AuthException failure(String providerId, EndpointResponse response, Clock clock, String error,
            String description) {
        int status = response.status();
        if (status == 429 || status == 408 || status >= 500) {
            Duration retryAfter = response.retryAfter(clock).orElse(null);
            String detail = description != null ? ": " + description : error != null ? ": " + error : "";
            return new TransientAuthException(providerId, "the token endpoint is unavailable (HTTP " + status + detail
                    + ")" + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + "s"),
                    status, retryAfter, null);
        }
        if (status == 400 || status == 401 || status == 403) {
            String errorUri = text(response.jsonObject().orElse(Map.of()).get("error_uri"));
            return new CredentialsRejectedException(providerId, status, error, description, errorUri,
                    "invalid_scope".equals(error)
                            ? "Check the scope setting: the vendor does not grant the scope requested to this client;"
                                    + " retrying will not help."
                            : null);
        }
        if (status >= 300 && status < 400) {
            return new AuthException(providerId, "the token endpoint answered with a redirect (HTTP " + status
                    + (response.header("Location").isPresent() ? " to another location" : "")
                    + "), which apiauth never follows with credentials; set the token URL to the final https address");
        }
        return new AuthException(providerId, "the token endpoint answered HTTP " + status
                + (description != null ? " (" + description + ")" : "") + "; check the token URL setting");
    }

    private static String describeBody(EndpointResponse response) {
        if (response.body().isBlank()) {
            return "an empty body";
        }
        return response.mediaType().map(type -> "a " + type + " body").orElse("a body without content type")
                + (response.json().isPresent() ? "" : " that is not valid JSON");
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
