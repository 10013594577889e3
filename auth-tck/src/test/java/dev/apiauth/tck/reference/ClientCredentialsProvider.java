package dev.apiauth.tck.reference;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.FormEncoding;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.GrantRequest;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The TCK's reference provider: an OAuth2 client_credentials client built from the SPI helpers
 * ({@link GrantRequest}, {@link TokenResponses}), the way a real provider should be. Subclasses
 * with {@link Fault}s are the deliberately broken providers the TCK's self-tests run the contract on.
 */
public class ClientCredentialsProvider implements AuthProvider {
    public static final String ID = "tck-reference";
    static final String TOKEN_URL = "token-url";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String SCOPE = "scope";
    static final String CLIENT_AUTH = "client-auth";

    private final String id;
    private final Set<Fault> faults;

    public ClientCredentialsProvider() {
        this(ID);
    }

    protected ClientCredentialsProvider(String id, Fault... faults) {
        this.id = id;
        this.faults = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.of(faults[0], faults);
    }

    boolean has(Fault fault) {
        return faults.contains(fault);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    @Override
    public ProviderInfo info() {
        Setting.Builder clientId = Setting.text(CLIENT_ID, "OAuth2 client id");
        if (!has(Fault.CLIENT_ID_OPTIONAL)) {
            clientId.required();
        }
        Setting.Builder secret = has(Fault.SECRET_NOT_FLAGGED)
                ? Setting.text(CLIENT_SECRET, "OAuth2 client secret").required()
                : Setting.secret(CLIENT_SECRET, "OAuth2 client secret");
        if (!has(Fault.SECRET_OPTIONAL_FAILS_LATE)) {
            secret.required();
        }
        ProviderInfo.Builder info = ProviderInfo.builder("TCK reference (client credentials)")
                .documentation(has(Fault.INCOMPLETE_INFO) ? "docs/auth.html"
                        : "https://www.rfc-editor.org/rfc/rfc6749#section-4.4")
                .setting(has(Fault.OWN_HTTP_CLIENT) ? Setting.text(TOKEN_URL, "Token endpoint URL").required()
                        : Setting.url(TOKEN_URL, "Token endpoint URL").required())
                .setting(clientId)
                .setting(secret)
                .setting(Setting.text(SCOPE, "Scopes to request, space separated").defaultValue("read write"));
        if (has(Fault.UNFLAGGED_TOKEN_SETTING)) {
            info.setting(Setting.text("proxy-token", "A token for the corporate proxy, if there is one"));
        }
        if (has(Fault.SECRET_IN_VALIDATE)) {
            info.setting(Setting.choice(CLIENT_AUTH, "How the client authenticates", java.util.List.of("basic", "none"))
                    .defaultValue("basic"));
        }
        return has(Fault.INCOMPLETE_INFO) ? info.capabilities(Capability.TOKEN_ENDPOINT).build()
                : info.capabilities(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS).build();
    }

    @Override
    public java.util.List<String> validate(ProviderSettings settings) {
        if (has(Fault.SECRET_IN_VALIDATE) && "none".equals(settings.get(CLIENT_AUTH))
                && settings.findSecret(CLIENT_SECRET).isPresent()) {
            return java.util.List.of("client-auth 'none' sends no secret, but client-secret is set to '"
                    + settings.secret(CLIENT_SECRET).reveal() + "'; remove it");
        }
        return java.util.List.of();
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        if (has(Fault.SECRET_OPTIONAL_FAILS_LATE) && settings.findSecret(CLIENT_SECRET).isEmpty()) {
            return new LateFailingSource();
        }
        ClientCredentials client = new ClientCredentials(settings.get(CLIENT_ID), settings.secret(CLIENT_SECRET));
        String scope = has(Fault.WRONG_TOKEN_REQUEST) ? "read" : settings.get(SCOPE);
        return new Source(settings.uri(TOKEN_URL), client, scope, context);
    }

    /** Builds the request, sends it and maps the answer; the faults change one step each. */
    private final class Source implements TokenSource {
        private final URI tokenUri;
        private final ClientCredentials client;
        private final String scope;
        private final ProviderContext context;
        private Map<String, String> firstHeaders;
        private volatile AccessToken lastFetched;

        Source(URI tokenUri, ClientCredentials client, String scope, ProviderContext context) {
            this.tokenUri = tokenUri;
            this.client = client;
            this.scope = scope;
            this.context = context;
        }

        @Override
        public AccessToken fetch() {
            URI uri = has(Fault.CREDENTIALS_IN_QUERY)
                    ? URI.create(tokenUri + "?client_secret=" + FormEncoding.percentEncode(client.clientSecret().reveal()))
                    : tokenUri;
            EndpointRequest request = GrantRequest.clientCredentials(uri, client).parameter("scope", scope)
                    .formEncodeBasicCredentials(!has(Fault.RAW_BASIC_CREDENTIALS)).build();
            if (has(Fault.LOGS_SECRET)) {
                System.err.println("[tck-broken] requesting a token for " + client.clientId() + " with secret "
                        + client.clientSecret().reveal());
                Logger.getLogger(ClientCredentialsProvider.class.getName()).fine("token request headers: "
                        + request.headers());
            }
            EndpointResponse response = has(Fault.OWN_HTTP_CLIENT) ? sendWithOwnClient(request)
                    : context.tokenEndpoint().send(request);
            if (!response.isSuccess()) {
                throw failure(response);
            }
            if (has(Fault.PARSES_BODY_ITSELF)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) context.json().parse(response.body());
                AccessToken.Builder token = AccessToken.builder((String) body.get("access_token"),
                        context.clock().instant());
                if (body.get("expires_in") != null) {
                    token.expiresIn(java.time.Duration.ofSeconds(((Number) body.get("expires_in")).longValue()));
                }
                return token.build();
            }
            TokenResponses responses = TokenResponses.of(context);
            Map<String, Object> body = responses.successObject(response);
            if (has(Fault.ACCEPTS_MISSING_TOKEN) && !(body.get("access_token") instanceof String)) {
                return remember(AccessToken.builder(String.valueOf(body.get("access_token")), context.clock().instant())
                        .build());
            }
            AccessToken.Builder token = responses.standardToken(response);
            if (has(Fault.STRING_LIFETIME_IGNORED) && body.get("expires_in") instanceof String) {
                token = AccessToken.builder(responses.requireText(response, body, "access_token"),
                        context.clock().instant());
            }
            if (has(Fault.IGNORES_EXPIRES_IN)) {
                token = AccessToken.builder(responses.requireText(response, body, "access_token"),
                        context.clock().instant());
            }
            if (has(Fault.INVENTS_LIFETIME) && body.get("expires_in") == null) {
                token.expiresIn(java.time.Duration.ofMinutes(5));
            }
            if (has(Fault.EXPIRES_IMMEDIATELY)) {
                AccessToken.Builder shortened = token;
                responses.expiresIn(response, body.get("expires_in")).ifPresent(lifetime ->
                        shortened.expiresIn(lifetime.minusHours(1).isNegative() ? java.time.Duration.ZERO
                                : lifetime.minusHours(1)));
            }
            return remember(token.build());
        }

        private AccessToken remember(AccessToken token) {
            lastFetched = token;
            return token;
        }

        @Override
        public String rateLimitScope() {
            return has(Fault.SECRET_IN_RATE_LIMIT_SCOPE) ? id + ":" + client.clientSecret().reveal()
                    : TokenSource.super.rateLimitScope();
        }

        private RuntimeException failure(EndpointResponse response) {
            int status = response.status();
            Map<String, Object> error = response.jsonObject().orElse(Map.of());
            String code = error.get("error") instanceof String text ? text : null;
            String description = error.get("error_description") instanceof String text ? text : null;
            boolean rejection = status == 400 || status == 401 || status == 403;
            if (status >= 500 && has(Fault.SERVER_ERROR_AS_REJECTION)) {
                return new CredentialsRejectedException(id, status, code, description);
            }
            if (rejection && has(Fault.GENERIC_ERROR_ON_REJECTION)) {
                return new AuthException(id, "the token request failed with HTTP " + status);
            }
            if (rejection && has(Fault.SECRET_IN_MESSAGE)) {
                return new CredentialsRejectedException(id, status, code, description + " (sent client secret "
                        + client.clientSecret().reveal() + ")");
            }
            if (status == 429 && has(Fault.RETRY_AFTER_IGNORED)) {
                return new TransientAuthException(id, "rate limited (HTTP 429)", 429, null, null);
            }
            return TokenResponses.of(context).failure(response, code, description);
        }

        private EndpointResponse sendWithOwnClient(EndpointRequest request) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri());
            request.headers().forEach(builder::header);
            EndpointRequest.FormBody form = (EndpointRequest.FormBody) request.body().orElseThrow();
            builder.header("Content-Type", form.contentType());
            builder.POST(HttpRequest.BodyPublishers.ofString(FormEncoding.formEncode(form.parameters())));
            try {
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                Optional<Object> json;
                try {
                    json = Optional.ofNullable(context.json().parse(response.body()));
                } catch (IllegalArgumentException e) {
                    json = Optional.empty();
                }
                return new EndpointResponse(response.statusCode(), response.headers().map(), response.body(), json);
            } catch (IOException e) {
                throw new TransientAuthException(id, "could not reach the token endpoint: " + e, null, null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientAuthException(id, "interrupted", null, null, e);
            }
        }

        @Override
        public Map<String, String> headers(AccessToken given) {
            if (has(Fault.HEADERS_FROM_LAST_FETCHED)) {
                AccessToken last = lastFetched;
                return Map.of("Authorization", "Bearer " + (last == null ? null : last.value()));
            }
            AccessToken token = given;
            if (has(Fault.WRONG_HEADER_FORMAT)) {
                return Map.of("Authorization", "Token " + token.value());
            }
            Map<String, String> headers = has(Fault.EXTRA_SECRET_HEADER)
                    ? Map.of("Authorization", "Bearer " + token.value(), "X-Client-Secret", client.clientSecret().reveal())
                    : Map.of("Authorization", "Bearer " + token.value());
            if (has(Fault.STALE_HEADERS)) {
                if (firstHeaders == null) {
                    firstHeaders = headers;
                }
                return firstHeaders;
            }
            return headers;
        }

        @Override
        public String toString() {
            return "ClientCredentialsSource[" + tokenUri + ", " + (has(Fault.LEAKY_TO_STRING)
                    ? "secret=" + client.clientSecret().reveal() : client) + "]";
        }
    }

    /** {@link Fault#SECRET_OPTIONAL_FAILS_LATE}: created without a client secret, fails when first asked. */
    private final class LateFailingSource implements TokenSource {
        @Override
        public AccessToken fetch() {
            throw new AuthException(id, "cannot request a token: client-secret is not set");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
