package dev.apiauth.spi.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.SecretStore;
import dev.apiauth.spi.TokenEndpoint;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.TransientAuthException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenResponsesTest {
    private static final String PROVIDER = "acme";
    /** 2026-01-01 is a Thursday. */
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TOKEN = "at-SECRET-0123456789";
    /** Put into bodies to prove messages never quote them. */
    private static final String BODY_MARKER = "body-MARKER-must-not-leak";
    private static final TokenResponses RESPONSES = TokenResponses.of(PROVIDER, CLOCK);

    private static EndpointResponse json(int status, Map<String, Object> body, String... headers) {
        Map<String, List<String>> headerMap = new LinkedHashMap<>();
        headerMap.put("Content-Type", List.of("application/json"));
        for (int i = 0; i < headers.length; i += 2) {
            headerMap.put(headers[i], List.of(headers[i + 1]));
        }
        return new EndpointResponse(status, headerMap, "{json of " + body.keySet() + " " + BODY_MARKER + "}",
                Optional.of(body));
    }

    private static EndpointResponse text(int status, String contentType, String body, String... headers) {
        Map<String, List<String>> headerMap = new LinkedHashMap<>();
        if (contentType != null) {
            headerMap.put("Content-Type", List.of(contentType));
        }
        for (int i = 0; i < headers.length; i += 2) {
            headerMap.put(headers[i], List.of(headers[i + 1]));
        }
        return new EndpointResponse(status, headerMap, body, Optional.empty());
    }

    private static Map<String, Object> token(Object... fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("access_token", TOKEN);
        body.put("note", BODY_MARKER);
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    private static AccessToken parse(EndpointResponse response) {
        return RESPONSES.parse(response);
    }

    @Test
    void parsesAStandardTokenResponse() {
        AccessToken token = parse(json(200, token("token_type", "bearer", "expires_in", 3600, "scope", "read write")));

        assertThat(token.value()).isEqualTo(TOKEN);
        assertThat(token.type()).isEqualTo("Bearer");
        assertThat(token.issuedAt()).isEqualTo(NOW);
        assertThat(token.expiresAt()).contains(NOW.plusSeconds(3600));
        assertThat(token.scopes()).containsExactly("read", "write");
    }

    static Stream<Arguments> lifetimes() {
        return Stream.of(
                Arguments.of(3600, Duration.ofSeconds(3600)),
                Arguments.of(3600L, Duration.ofSeconds(3600)),
                Arguments.of("3600", Duration.ofSeconds(3600)),
                Arguments.of(" 60 ", Duration.ofSeconds(60)),
                Arguments.of(299.5, Duration.ofMillis(299_500)),
                Arguments.of("1.25", Duration.ofMillis(1250)),
                Arguments.of(0, Duration.ZERO),
                Arguments.of(Duration.ofDays(3650).toSeconds(), Duration.ofDays(3650)));
    }

    @ParameterizedTest
    @MethodSource("lifetimes")
    void acceptsExpiresInAsNumberOrNumericString(Object expiresIn, Duration lifetime) {
        AccessToken token = parse(json(200, token("expires_in", expiresIn)));

        assertThat(token.lifetime()).contains(lifetime);
        assertThat(RESPONSES.expiresIn(json(200, Map.of()), expiresIn)).contains(lifetime);
    }

    @Test
    void leavesTheExpiryUnknownWithoutExpiresIn() {
        assertThat(parse(json(200, token())).expiresAt()).isEmpty();
        assertThat(RESPONSES.expiresIn(json(200, Map.of()), null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.5"})
    void refusesNegativeExpiresIn(String expiresIn) {
        MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
                () -> parse(json(200, token("expires_in", expiresIn))));

        assertThat(e.status()).isEqualTo(200);
        assertThat(e).hasMessageStartingWith(PROVIDER + ": ").hasMessageContaining("'expires_in'")
                .hasMessageContaining("negative").hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> parse(json(200, token("expires_in", Double.parseDouble(expiresIn)))))
                .isInstanceOf(MalformedResponseException.class);
    }

    /** Implausible, not malformed: the engine uses such a token with its lifetime capped. */
    @ParameterizedTest
    @ValueSource(strings = {"315360001", "1e12", "1e300"})
    void keepsAFarFutureExpiresInForTheEngineToCap(String expiresIn) {
        AccessToken token = parse(json(200, token("expires_in", expiresIn)));

        assertThat(token.lifetime()).hasValueSatisfying(
                lifetime -> assertThat(lifetime).isGreaterThan(Duration.ofDays(3650)));
        assertThat(parse(json(200, token("expires_in", Double.parseDouble(expiresIn)))).lifetime())
                .isEqualTo(token.lifetime());
    }

    @Test
    void refusesNonNumericExpiresIn() {
        for (Object value : List.of("soon", "", "3600s", true, List.of(3600), Map.of("s", 1), Double.NaN,
                Double.POSITIVE_INFINITY)) {
            assertThatThrownBy(() -> parse(json(200, token("expires_in", value))))
                    .as("expires_in %s", value)
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("'expires_in' is not a number of seconds");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "Bearer", "BEARER", "bEaReR", " bearer "})
    void normalisesBearerInAnyCase(String type) {
        assertThat(parse(json(200, token("token_type", type))).type()).isEqualTo("Bearer");
    }

    @Test
    void defaultsToBearer() {
        assertThat(parse(json(200, token())).type()).isEqualTo("Bearer");
        assertThat(parse(json(200, token("token_type", " "))).type()).isEqualTo("Bearer");
    }

    /** RFC 6749 §7.1: a client must not use a token whose type it does not understand. */
    @ParameterizedTest
    @ValueSource(strings = {"mac", "MAC", "DPoP", "Basic", "bearer-ish"})
    void refusesATokenTypeTheProviderDoesNotUnderstand(String type) {
        MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
                () -> parse(json(200, token("token_type", type))));

        assertThat(e.status()).isEqualTo(200);
        assertThat(e).hasMessageStartingWith(PROVIDER + ": ").hasMessageContaining("'" + type + "'")
                .hasMessageContaining("token_type").hasMessageNotContaining(TOKEN);
    }

    @Test
    void acceptsTheTokenTypesAProviderDeclares() {
        Set<String> understood = Set.of("Bearer", "DPoP");

        assertThat(RESPONSES.standardToken(json(200, token("token_type", "dpop")), understood)
                .build().type()).isEqualTo("dpop");
        assertThat(RESPONSES.standardToken(json(200, token("token_type", "bearer")), understood)
                .build().type()).isEqualTo("Bearer");
        assertThatThrownBy(() -> RESPONSES.standardToken(json(200, token("token_type", "mac")), understood)).isInstanceOf(MalformedResponseException.class).hasMessageContaining("'mac'")
                .hasMessageContaining("Bearer, DPoP");
    }

    @Test
    void aProviderThatDoesNotUnderstandBearerRefusesAnAnswerWithoutTokenType() {
        assertThatThrownBy(() -> RESPONSES.standardToken(json(200, token()), Set.of("DPoP")))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("no 'token_type'");
        assertThatThrownBy(() -> RESPONSES.standardToken(json(200, token()), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitsScopesOnSpacesAndCommas() {
        assertThat(parse(json(200, token("scope", "data  user,audit"))).scopes()).containsExactly("data", "user",
                "audit");
        assertThat(parse(json(200, token("scope", ""))).scopes()).isEmpty();
        assertThat(parse(json(200, token())).scopes()).isEmpty();
    }

    @Test
    void stripsTheTokenValue() {
        assertThat(parse(json(200, token("access_token", "  " + TOKEN + "\n"))).value()).isEqualTo(TOKEN);
    }

    @Test
    void refusesAResponseWithoutAccessToken() {
        Map<String, Object> body = token();
        body.remove("access_token");

        assertThatThrownBy(() -> parse(json(200, body))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("no 'access_token'").hasMessageNotContaining(BODY_MARKER);
    }

    @Test
    void refusesAnEmptyOrNonTextAccessToken() {
        for (Object value : List.of("", "   ", 12345, List.of("x"))) {
            assertThatThrownBy(() -> parse(json(200, token("access_token", value))))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("an empty or non-text 'access_token'");
        }
    }

    @Test
    void requireTextReturnsTheStrippedField() {
        assertThat(RESPONSES.requireText(json(200, Map.of()), Map.of("customer", " acme "), "customer"))
                .isEqualTo("acme");
        assertThatThrownBy(() -> RESPONSES.requireText(json(200, Map.of()), Map.of(), "customer"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("no 'customer'");
    }

    @Test
    void standardTokenLetsProvidersAddAttributes() {
        AccessToken token = RESPONSES.standardToken(json(200, token("expires_in", 60)))
                .attribute("customer", "acme").build();

        assertThat(token.lifetime()).contains(Duration.ofMinutes(1));
        assertThat(token.attribute("customer")).contains("acme");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403})
    void mapsRejectionsToCredentialsRejectedWithTheVendorError(int status) {
        EndpointResponse response = json(status, Map.of("error", "invalid_client",
                "error_description", "Client authentication failed", "note", BODY_MARKER));

        CredentialsRejectedException e = catchThrowableOfType(CredentialsRejectedException.class,
                () -> parse(response));

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.error()).contains("invalid_client");
        assertThat(e.errorDescription()).contains("Client authentication failed");
        assertThat(e.providerId()).contains(PROVIDER);
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageContaining("HTTP " + status).hasMessageNotContaining(BODY_MARKER);
    }

    @Test
    void mapsARejectionWithoutJsonToCredentialsRejectedWithoutDetail() {
        CredentialsRejectedException e = catchThrowableOfType(CredentialsRejectedException.class,
                () -> parse(text(401, "text/html", "<html>" + BODY_MARKER + "</html>")));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).isEmpty();
        assertThat(e.errorDescription()).isEmpty();
        assertThat(e).hasMessageNotContaining(BODY_MARKER);
    }

    /** RFC 6749 §5.2: error_uri is the vendor's page about the error; not a secret, so kept and shown. */
    @Test
    void keepsTheErrorUriOfARejection() {
        CredentialsRejectedException e = catchThrowableOfType(CredentialsRejectedException.class,
                () -> parse(json(400, Map.of("error", "invalid_client",
                        "error_uri", "https://vendor.example/docs/errors#invalid_client"))));

        assertThat(e.errorUri()).contains("https://vendor.example/docs/errors#invalid_client");
        assertThat(e).hasMessageContaining("https://vendor.example/docs/errors#invalid_client");
        assertThat(catchThrowableOfType(CredentialsRejectedException.class,
                () -> parse(json(401, Map.of("error", "invalid_client")))).errorUri()).isEmpty();
    }

    @Test
    void pointsAnInvalidScopeAtTheScopeNotTheSecret() {
        CredentialsRejectedException e = catchThrowableOfType(CredentialsRejectedException.class,
                () -> parse(json(400, Map.of("error", "invalid_scope", "error_description", "Invalid scope: x"))));

        assertThat(e.error()).contains("invalid_scope");
        assertThat(e).hasMessageContaining("scope setting").hasMessageNotContaining("secret");
    }

    @Test
    void ignoresNonTextErrorFields() {
        CredentialsRejectedException e = catchThrowableOfType(CredentialsRejectedException.class,
                () -> parse(json(400, Map.of("error", Map.of("code", 7), "error_description", " "))));

        assertThat(e.error()).isEmpty();
        assertThat(e.errorDescription()).isEmpty();
    }

    @Test
    void mapsTooManyRequestsToTransientWithRetryAfterSeconds() {
        TransientAuthException e = catchThrowableOfType(TransientAuthException.class,
                () -> parse(json(429, Map.of("error", "slow_down"), "Retry-After", "30")));

        assertThat(e.status()).hasValue(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessageContaining("HTTP 429").hasMessageContaining("slow_down")
                .hasMessageContaining("retry after 30s").hasMessageNotContaining(BODY_MARKER);
    }

    @Test
    void mapsServerErrorsToTransientWithRetryAfterHttpDate() {
        TransientAuthException e = catchThrowableOfType(TransientAuthException.class,
                () -> parse(text(503, "text/html", "<h1>" + BODY_MARKER + "</h1>",
                        "retry-after", "Thu, 01 Jan 2026 00:02:00 GMT")));

        assertThat(e.status()).hasValue(503);
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
        assertThat(e).hasMessageContaining("retry after 120s").hasMessageNotContaining(BODY_MARKER);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 500, 502, 504, 599})
    void mapsTimeoutsAndServerErrorsToTransientWithoutRetryAfter(int status) {
        TransientAuthException e = catchThrowableOfType(TransientAuthException.class,
                () -> parse(json(status, Map.of("error_description", "maintenance", "note", BODY_MARKER))));

        assertThat(e.status()).hasValue(status);
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e).hasMessageContaining("maintenance").hasMessageNotContaining(BODY_MARKER);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void mapsRedirectsToAnAuthExceptionWithoutFollowingThem(int status) {
        AuthException e = catchThrowableOfType(AuthException.class,
                () -> parse(text(status, null, "", "Location", "https://evil.example.net/collect")));

        assertThat(e).isExactlyInstanceOf(AuthException.class);
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageContaining("redirect (HTTP " + status).hasMessageContaining("never follows")
                .hasMessageNotContaining("evil.example.net");
    }

    @Test
    void mapsOtherStatusesToAnAuthExceptionPointingAtTheUrl() {
        AuthException e = catchThrowableOfType(AuthException.class,
                () -> parse(text(404, "text/html", "<html>" + BODY_MARKER + "</html>")));

        assertThat(e).isExactlyInstanceOf(AuthException.class);
        assertThat(e).hasMessage(PROVIDER + ": the token endpoint answered HTTP 404; check the token URL setting");
    }

    @Test
    void refusesHtmlWithStatus200WithoutQuotingIt() {
        MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
                () -> parse(text(200, "text/html; charset=utf-8", "<html>access_token=" + TOKEN + "</html>")));

        assertThat(e.status()).isEqualTo(200);
        assertThat(e).hasMessageContaining("a text/html body that is not valid JSON")
                .hasMessageContaining("check the token URL").hasMessageNotContaining(TOKEN);
    }

    @Test
    void refusesAnEmptyOrNonObjectBody() {
        assertThatThrownBy(() -> parse(text(200, null, "")))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("an empty body");
        assertThatThrownBy(() -> parse(text(200, null, TOKEN))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("a body without content type").hasMessageNotContaining(TOKEN);
        EndpointResponse array = new EndpointResponse(200, Map.of("Content-Type", List.of("application/json")),
                "[\"" + TOKEN + "\"]", Optional.of(List.of(TOKEN)));
        assertThatThrownBy(() -> parse(array)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("application/json body instead of a JSON object")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void successObjectReturnsTheJsonObjectOfASuccess() {
        Map<String, Object> body = token("expires_in", 10);

        assertThat(RESPONSES.successObject(json(200, body))).isEqualTo(body);
    }

    @Test
    void readsTheVendorsOwnErrorShapeWhenTold() {
        TokenResponses vendor = RESPONSES
                .withErrorCode(error -> Json.text(error, "statusReason").orElse(null))
                .withErrorMessage(error -> Json.text(error, "message").orElse(null));
        EndpointResponse response = json(401, Map.of("statusReason", "Unauthorized", "message", " Bad client ",
                "error", "ignored", "error_description", "ignored too"));

        CredentialsRejectedException e = catchThrowableOfType(CredentialsRejectedException.class,
                () -> vendor.parse(response));

        assertThat(e.error()).contains("Unauthorized");
        assertThat(e.errorDescription()).contains("Bad client");
        assertThat(vendor.failure(response)).isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("Bad client");
        assertThat(RESPONSES.failure(response)).as("the bound default is unchanged")
                .isInstanceOf(CredentialsRejectedException.class).hasMessageContaining("ignored too");
    }

    @Test
    void aVendorMessageReaderSeesAnEmptyObjectWhenTheBodyIsNotJson() {
        TokenResponses vendor = RESPONSES.withErrorMessage(error -> error.isEmpty() ? "no JSON" : "JSON");

        assertThatThrownBy(() -> vendor.parse(text(503, "text/html", "<html>" + BODY_MARKER + "</html>")))
                .isInstanceOf(TransientAuthException.class).hasMessageContaining("no JSON")
                .hasMessageNotContaining(BODY_MARKER);
    }

    @Test
    void isBoundToTheContextsProviderAndClock() {
        Instant later = NOW.plusSeconds(90);
        ProviderContext context = new ProviderContext() {
            @Override
            public String providerId() {
                return "bound";
            }

            @Override
            public TokenEndpoint tokenEndpoint() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Json json() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Clock clock() {
                return Clock.fixed(later, ZoneOffset.UTC);
            }

            @Override
            public SecretStore secretStore() {
                throw new UnsupportedOperationException();
            }
        };
        TokenResponses bound = TokenResponses.of(context);

        assertThat(bound.parse(json(200, token())).issuedAt()).isEqualTo(later);
        assertThat(bound.failure(json(500, Map.of()))).hasMessageStartingWith("bound: ");
        assertThat(bound).hasToString("TokenResponses[bound]");
    }
}
