package dev.apiauth.provider.doo;

import com.google.auto.service.AutoService;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.http.Urls;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * doo (event ticketing): OAuth2 client credentials posted as JSON to {@code POST {api-base-url}/oauth}
 * with the account's API key in {@code x-api-key}. The token comes in doo's {@code data} envelope
 * without a lifetime, so it expires at its JWT {@code exp} when it has one and is otherwise kept
 * until the API rejects it (or {@code max-token-age}). Every API request carries both
 * {@code Authorization: Bearer …} and {@code x-api-key}, and counts against the key's budget of
 * 1 request/second and 1000/day, which the token source declares so the engine can pace requests.
 */
@Api(status = Api.Status.INTERNAL)
@AutoService(AuthProvider.class)
public final class DooProvider implements AuthProvider {
    /** The provider id. */
    public static final String ID = "doo";
    /** The documented API base; clients also use {@code https://api.doo.net/v1} and {@code https://integration.doo.net/v1}. */
    public static final String DEFAULT_API_BASE_URL = "https://rest.doo.net/v1";

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String API_KEY = "api-key";
    static final String API_BASE_URL = "api-base-url";
    static final String TOKEN_URL = "token-url";
    static final String MAX_TOKEN_AGE = "max-token-age";
    static final String REQUESTS_PER_SECOND = "requests-per-second";
    static final String REQUESTS_PER_DAY = "requests-per-day";
    static final String PACE_REQUESTS = "pace-requests";

    /**
     * Built by the first {@link #info()}, not when discovery instantiates the provider: an application
     * discovers every provider on its class path and uses one or two.
     */
    private static final class Metadata {
        static final ProviderInfo INFO = ProviderInfo.builder("doo")
                .documentation("https://viovendi.atlassian.net/wiki/spaces/API/pages/36929656/Authorization")
                .setting(Setting.text(CLIENT_ID, "OAuth client id of a doo user (doo Manager > Organization Settings"
                        + " > Users > Client credentials)").required())
                .setting(Setting.secret(CLIENT_SECRET, "OAuth client secret belonging to client-id").required())
                .setting(Setting.secret(API_KEY, "API key from the doo Support Team; sent as x-api-key on the token"
                        + " request and on every API request").required())
                .setting(Setting.url(API_BASE_URL, "Base URL of the doo REST API (clients also use"
                        + " https://api.doo.net/v1 and https://integration.doo.net/v1)").defaultValue(DEFAULT_API_BASE_URL))
                .setting(Setting.url(TOKEN_URL, "Token endpoint; defaults to {api-base-url}/oauth"))
                .setting(Setting.duration(MAX_TOKEN_AGE, "Fetch a new token after this age even if doo has not"
                        + " rejected it; caps a JWT's exp too. Unset: a token without exp is kept until rejected"))
                .setting(Setting.integer(REQUESTS_PER_SECOND, "Requests per second allowed for the API key"
                        + " (doo's default is 1; the limit is soft and raisable on request)").defaultValue("1"))
                .setting(Setting.integer(REQUESTS_PER_DAY, "Requests per day allowed for the API key"
                        + " (doo's default is 1000; the limit is soft and raisable on request)").defaultValue("1000"))
                .setting(Setting.flag(PACE_REQUESTS, "Pace API and token requests to requests-per-second and"
                        + " requests-per-day, shared by every account with the same API key").defaultValue("true"))
                .capabilities(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS)
                .rateLimit(RateLimit.of(1, Duration.ofSeconds(1)))
                .rateLimit(RateLimit.of(1000, Duration.ofDays(1)))
                .build();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderInfo info() {
        return Metadata.INFO;
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<String> validate(ProviderSettings settings) {
        List<String> problems = new ArrayList<>();
        for (String budget : List.of(REQUESTS_PER_SECOND, REQUESTS_PER_DAY)) {
            if (settings.integer(budget) < 1) {
                problems.add("setting '" + budget + "' must be at least 1; to stop pacing set '" + PACE_REQUESTS
                        + "' to false instead");
            }
        }
        settings.findDuration(MAX_TOKEN_AGE).filter(Duration::isZero).ifPresent(zero -> problems.add(
                "setting '" + MAX_TOKEN_AGE + "' must be longer than zero; leave it unset to keep tokens until doo"
                        + " rejects them"));
        return problems;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return new DooTokenSource(settings, context);
    }

    @Override
    public String toString() {
        return "DooProvider[" + ID + "]";
    }

    /** One doo account: the JSON client-credentials request and the envelope mapping. */
    private static final class DooTokenSource implements TokenSource {
        private final ProviderContext context;
        private final TokenResponses responses;
        private final String apiBaseUrl;
        private final URI tokenUrl;
        private final ClientCredentials client;
        private final Secret apiKey;
        private final Optional<Duration> maxTokenAge;
        private final List<RateLimit> rateLimits;

        DooTokenSource(ProviderSettings settings, ProviderContext context) {
            this.context = context;
            // doo has no error code; its message is the envelope's user and developer messages.
            this.responses = TokenResponses.of(context).withErrorCode(envelope -> null)
                    .withErrorMessage(DooTokenSource::vendorMessage);
            this.apiBaseUrl = Urls.withoutTrailingSlash(settings.get(API_BASE_URL));
            this.tokenUrl = settings.find(TOKEN_URL).map(URI::create).orElseGet(() -> URI.create(apiBaseUrl + "/oauth"));
            this.client = new ClientCredentials(settings.get(CLIENT_ID), settings.secret(CLIENT_SECRET));
            this.apiKey = settings.secret(API_KEY);
            this.maxTokenAge = settings.findDuration(MAX_TOKEN_AGE);
            this.rateLimits = settings.flag(PACE_REQUESTS)
                    ? List.of(RateLimit.of(settings.integer(REQUESTS_PER_SECOND), Duration.ofSeconds(1)),
                            RateLimit.of(settings.integer(REQUESTS_PER_DAY), Duration.ofDays(1)))
                    : List.of();
        }

        @Override
        public AccessToken fetch() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("client_id", client.clientId());
            body.put("client_secret", client.clientSecret().reveal());
            body.put("grant_type", "client_credentials");
            EndpointResponse response = context.tokenEndpoint().send(EndpointRequest.post(tokenUrl)
                    .header("x-api-key", apiKey.reveal())
                    .header("Accept", "application/json")
                    .json(body)
                    .build());
            return token(response);
        }

        /**
         * Maps doo's envelope {@code {"response_status", "developer_message", "user_message",
         * "data": {"access_token", "refresh_token": null}}}; errors use it without {@code data}.
         */
        private AccessToken token(EndpointResponse response) {
            Map<String, Object> envelope = responses.successObject(response);
            Object value = envelope.get("data") instanceof Map<?, ?> data ? data.get("access_token") : null;
            if (!(value instanceof String text) || text.isBlank()) {
                throw new MalformedResponseException(ID, response.status(), "the token response has no"
                        + " data.access_token" + Optional.ofNullable(vendorMessage(envelope))
                                .map(message -> " (doo says: " + message + ")").orElse("")
                        + "; check the token URL and the credentials");
            }
            AccessToken.Builder token = AccessToken.builder(text.strip(), context.clock().instant())
                    .attribute(API_BASE_URL, apiBaseUrl);
            // The JWT exp when the token is a JWT; else unknown, kept until rejected or max-token-age.
            responses.jwtExpiry(response, text.strip(), context.json()).ifPresent(token::expiresAt);
            return token.build();
        }

        /** {@code max-token-age}, which the engine applies to every token of this account. */
        @Override
        public Optional<Duration> maxTokenAge() {
            return maxTokenAge;
        }

        /** doo wants the API key on every request, next to the bearer token. */
        @Override
        public Map<String, String> headers(AccessToken token) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", token.type() + " " + token.value());
            headers.put("x-api-key", apiKey.reveal());
            return Collections.unmodifiableMap(headers);
        }

        @Override
        public List<RateLimit> rateLimits() {
            return rateLimits;
        }

        /** doo counts requests per API key, so every account with the same key shares one budget. */
        @Override
        public String rateLimitScope() {
            return ID + ":" + apiKey.fingerprint();
        }

        @Override
        public String toString() {
            return "DooTokenSource[tokenUrl=" + tokenUrl + ", " + client + ", apiKey=REDACTED]";
        }

        /** {@code user_message}, plus {@code developer_message} when it says something else. */
        private static String vendorMessage(Map<String, Object> envelope) {
            String user = Json.text(envelope, "user_message").orElse(null);
            String developer = Json.text(envelope, "developer_message").orElse(null);
            if (user == null || developer == null || user.equals(developer)) {
                return user != null ? user : developer;
            }
            return user + " (developer message: " + developer + ")";
        }
    }
}
