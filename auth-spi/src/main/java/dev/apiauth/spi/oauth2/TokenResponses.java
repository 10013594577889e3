package dev.apiauth.spi.oauth2;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.internal.SettingValues;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * RFC 6749 §5.1 / §5.2 response handling, and the status-to-exception mapping every token endpoint
 * shares: 2xx is a token, 429/5xx/408 are transient (with {@code Retry-After}), 400/401/403 are
 * rejected credentials, anything else is an unexpected answer.
 *
 * <p>An instance is bound to one provider's id and clock, so a token source creates it once and
 * says nothing twice:
 *
 * <pre>{@code
 * this.responses = TokenResponses.of(context).withErrorMessage(error -> Json.text(error, "message").orElse(null));
 * ...
 * return responses.standardToken(context.tokenEndpoint().send(request)).attribute("customer", ...).build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the {@code with…} methods return a new one.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class TokenResponses {
    /**
     * The longest lifetime a token can carry: about 292 million years, far beyond anything
     * plausible, so a larger figure is clamped to it rather than overflowing. The engine caps
     * implausible lifetimes (over ten years) anyway and warns.
     */
    private static final BigDecimal MAX_REPRESENTABLE_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1000);
    /** The token types {@link #standardToken(EndpointResponse)} understands. */
    private static final Set<String> BEARER_ONLY = Set.of("Bearer");
    private static final Function<Map<String, Object>, String> RFC6749_ERROR = error -> Json.text(error, "error")
            .orElse(null);
    private static final Function<Map<String, Object>, String> RFC6749_DESCRIPTION = error -> Json.text(error,
            "error_description").orElse(null);

    private final String providerId;
    private final Clock clock;
    private final Function<Map<String, Object>, String> errorCode;
    private final Function<Map<String, Object>, String> errorMessage;

    private TokenResponses(String providerId, Clock clock, Function<Map<String, Object>, String> errorCode,
            Function<Map<String, Object>, String> errorMessage) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage");
    }

    /**
     * Response handling for the provider {@code context} serves, timed by its clock, reading
     * errors the RFC 6749 §5.2 way ({@code error}, {@code error_description}) until told otherwise.
     *
     * @param context the context the engine passed to {@link dev.apiauth.spi.AuthProvider#createTokenSource}
     * @return a bound instance
     */
    public static TokenResponses of(ProviderContext context) {
        return of(context.providerId(), context.clock());
    }

    /**
     * Like {@link #of(ProviderContext)}, for code that has no context (tests, tools).
     *
     * @param providerId the id every exception names
     * @param clock the clock tokens are issued and {@code Retry-After} dates are read with
     * @return a bound instance
     */
    public static TokenResponses of(String providerId, Clock clock) {
        return new TokenResponses(providerId, clock, RFC6749_ERROR, RFC6749_DESCRIPTION);
    }

    /**
     * This instance, reading the vendor's message of a failed answer with {@code message} instead
     * of from {@code error_description}.
     *
     * @param message reads the message from the error body's JSON object (empty when the body is
     *     not one); returns {@code null} when there is none
     * @return a new instance
     */
    public TokenResponses withErrorMessage(Function<Map<String, Object>, String> message) {
        return new TokenResponses(providerId, clock, errorCode, message);
    }

    /**
     * This instance, reading the vendor's error code of a failed answer with {@code code} instead of
     * from {@code error}.
     *
     * @param code reads the code from the error body's JSON object (empty when the body is not
     *     one); returns {@code null} when there is none
     * @return a new instance
     */
    public TokenResponses withErrorCode(Function<Map<String, Object>, String> code) {
        return new TokenResponses(providerId, clock, code, errorMessage);
    }

    /**
     * Parses a standard OAuth2 token response.
     *
     * @param response the token endpoint's answer
     * @return the token
     * @throws AuthException the typed exception for any answer that is not a token
     */
    public AccessToken parse(EndpointResponse response) {
        return standardToken(response).build();
    }

    /**
     * The JSON object of a successful answer; any other answer becomes the typed exception for it
     * ({@link #failure(EndpointResponse)}), a success without a JSON object a
     * {@link MalformedResponseException}.
     *
     * @param response the token endpoint's answer
     * @return the body's JSON object
     */
    public Map<String, Object> successObject(EndpointResponse response) {
        if (!response.isSuccess()) {
            throw failure(response);
        }
        Optional<Map<String, Object>> body = response.jsonObject();
        if (body.isEmpty()) {
            throw new MalformedResponseException(providerId, response.status(), "the token endpoint answered HTTP "
                    + response.status() + " with " + describeBody(response)
                    + " instead of a JSON object; check the token URL setting");
        }
        return body.get();
    }

    /**
     * A token builder from the RFC 6749 §5.1 fields of a successful answer ({@link #successObject}):
     * {@code access_token} (required), {@code token_type} {@code bearer} in any case (Bearer when
     * absent), {@code expires_in} as a number or numeric string, {@code scope}; issued now. Providers
     * add their vendor attributes to the returned builder. Any other token type is a
     * {@link MalformedResponseException}: RFC 6749 §7.1 says a client must not use a token whose
     * type it does not understand, and the engine would otherwise send it as
     * {@code Authorization: <type> <token>}.
     *
     * @param response the token endpoint's answer
     * @return the token so far
     */
    public AccessToken.Builder standardToken(EndpointResponse response) {
        return standardToken(response, BEARER_ONLY);
    }

    /**
     * Like {@link #standardToken(EndpointResponse)}, for a provider that understands other token
     * types than Bearer. The token keeps the type as the vendor wrote it ({@code bearer} becomes
     * {@code Bearer}); a provider declaring a type other than Bearer must build the request headers
     * for it in {@link dev.apiauth.spi.TokenSource#headers(AccessToken)}.
     *
     * @param response the token endpoint's answer
     * @param understoodTypes every token type the provider can use, compared ignoring case (include
     *     {@code Bearer} to keep accepting it, and an answer without {@code token_type}); not empty
     * @return the token so far
     */
    public AccessToken.Builder standardToken(EndpointResponse response, Set<String> understoodTypes) {
        if (understoodTypes.isEmpty()) {
            throw new IllegalArgumentException("a provider understands at least one token type");
        }
        Map<String, Object> body = successObject(response);
        int status = response.status();
        String value = requireText(response, body, "access_token");
        AccessToken.Builder token = AccessToken.builder(value, clock.instant());
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
        Optional<Duration> expiresIn = expiresIn(response, body.get("expires_in"));
        if (expiresIn.isPresent()) {
            token.expiresIn(expiresIn.get());
        }
        Object scope = body.get("scope");
        if (scope instanceof String scopeText && !scopeText.isBlank()) {
            token.scopes(SettingValues.splitList(scopeText));
        }
        return token;
    }

    private static boolean understands(Set<String> understoodTypes, String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        for (String understood : understoodTypes) {
            if (understood.toLowerCase(Locale.ROOT).equals(lower)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A required non-blank string field of a token response, for vendors that name the token
     * otherwise than {@code access_token}.
     *
     * @param response the answer {@code body} came in
     * @param body its JSON object
     * @param field the field's name
     * @return the field's text without surrounding white space
     * @throws MalformedResponseException the field is missing, empty or not text
     */
    public String requireText(EndpointResponse response, Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new MalformedResponseException(providerId, response.status(), "the token response has "
                    + (value == null ? "no '" + field + "'" : "an empty or non-text '" + field + "'")
                    + "; the vendor answered, but not with a token");
        }
        return text.strip();
    }

    /**
     * {@code expires_in} as a lifetime: a non-negative number or numeric string of seconds. A
     * far-future lifetime is returned as it is (clamped to what a {@link Duration} of milliseconds
     * holds): it is implausible, not malformed, and the engine uses such a token with its lifetime
     * capped.
     *
     * @param response the answer the value came in
     * @param value the field's value; {@code null} when absent
     * @return the lifetime, or empty when {@code value} is {@code null}
     * @throws MalformedResponseException the value is not a number, or negative
     */
    public Optional<Duration> expiresIn(EndpointResponse response, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        BigDecimal seconds;
        try {
            seconds = value instanceof Number number ? new BigDecimal(number.toString())
                    : new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new MalformedResponseException(providerId, response.status(), "'expires_in' is not a number of seconds");
        }
        if (seconds.signum() < 0) {
            throw new MalformedResponseException(providerId, response.status(),
                    "'expires_in' of " + seconds.toPlainString() + " seconds is negative");
        }
        return Optional.of(Duration.ofMillis(seconds.min(MAX_REPRESENTABLE_SECONDS).movePointRight(3).longValue()));
    }

    /**
     * The expiry of a JWT access token from its {@code exp} claim. A far-future {@code exp} is
     * returned (clamped to {@link Instant#MAX}): the engine uses such a token with its lifetime
     * capped.
     *
     * @param response the answer the token came in
     * @param token the access token
     * @param json the JSON reader, {@link ProviderContext#json()}
     * @return the expiry, or empty when the token is not a JWT or has no numeric {@code exp}
     * @throws MalformedResponseException {@code exp} is not after now (a dead token, or this
     *     machine's clock is wrong)
     */
    public Optional<Instant> jwtExpiry(EndpointResponse response, String token, Json json) {
        Optional<Object> exp = Jwt.claims(token, json).map(claims -> claims.get("exp"));
        if (exp.isEmpty() || !(exp.get() instanceof Number number)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        BigDecimal seconds = new BigDecimal(number.toString());
        BigDecimal nowSeconds = BigDecimal.valueOf(now.getEpochSecond());
        if (seconds.compareTo(nowSeconds) <= 0) {
            throw new MalformedResponseException(providerId, response.status(), "the issued token's JWT exp ("
                    + seconds.toPlainString() + ") is not after this machine's time " + now
                    + "; check the system clock");
        }
        return Optional.of(Instant.ofEpochSecond(seconds.min(BigDecimal.valueOf(Instant.MAX.getEpochSecond())).longValue()));
    }

    /**
     * The typed exception for an unsuccessful answer, with the vendor's error code and message as
     * this instance reads them ({@link #withErrorCode}, {@link #withErrorMessage}).
     *
     * @param response an answer that is not a 2xx
     * @return the exception to throw
     */
    public AuthException failure(EndpointResponse response) {
        Map<String, Object> error = response.jsonObject().orElse(Map.of());
        return failure(response, errorCode.apply(error), errorMessage.apply(error));
    }

    /**
     * The typed exception for an unsuccessful answer, with an error code and message the provider
     * read itself.
     *
     * @param response an answer that is not a 2xx
     * @param error the vendor's error code, or {@code null}
     * @param description the vendor's message, or {@code null}
     * @return the exception to throw
     */
    public AuthException failure(EndpointResponse response, String error, String description) {
        int status = response.status();
        if (status == 429 || status == 408 || status >= 500) {
            Duration retryAfter = response.retryAfter(clock).orElse(null);
            String detail = description != null ? ": " + description : error != null ? ": " + error : "";
            return new TransientAuthException(providerId, "the token endpoint is unavailable (HTTP " + status + detail
                    + ")" + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + "s"),
                    status, retryAfter, null);
        }
        if (status == 400 || status == 401 || status == 403) {
            String errorUri = Json.text(response.jsonObject().orElse(Map.of()), "error_uri").orElse(null);
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

    @Override
    public String toString() {
        return "TokenResponses[" + providerId + "]";
    }
}
