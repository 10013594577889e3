package dev.apiauth.provider.domo;

import com.google.auto.service.AutoService;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.http.Urls;
import dev.apiauth.spi.oauth2.ClientAuthEncoding;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.GrantRequest;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Domo: OAuth2 client credentials at
 * {@code GET https://api.domo.com/oauth/token?grant_type=client_credentials&scope=…} with the client
 * authenticated by HTTP Basic, as documented; Domo's SDKs POST the same parameters
 * as a form body, available with {@code token-method=post}. The JWT access token's
 * {@code expires_in} is trusted, and Domo's {@code customer}, {@code role}, {@code userId} and
 * {@code scope} are kept as token attributes.
 */
@Api(status = Api.Status.INTERNAL)
@AutoService(AuthProvider.class)
public final class DomoProvider implements AuthProvider {
    /** The provider id. */
    public static final String ID = "domo";
    /** The documented API host. */
    public static final String DEFAULT_API_BASE_URL = "https://api.domo.com";
    /** The scopes a Domo client can be granted, as the developer portal lists them. */
    public static final List<String> SCOPES = List.of("data", "user", "audit", "dashboard", "account", "buzz",
            "workflow");

    /** Token attribute: the Domo instance the client belongs to, e.g. {@code acmecompany}. */
    public static final String CUSTOMER_ATTRIBUTE = "customer";
    /** Token attribute: the role of the client's user, e.g. {@code Admin}. */
    public static final String ROLE_ATTRIBUTE = "role";
    /** Token attribute: the numeric id of the client's user. */
    public static final String USER_ID_ATTRIBUTE = "userId";
    /** Token attribute: the granted scopes as Domo wrote them, e.g. {@code data user}. */
    public static final String SCOPE_ATTRIBUTE = "scope";
    /** Token attribute: the API base URL requests with this token go to. */
    public static final String API_BASE_URL_ATTRIBUTE = "api-base-url";

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String SCOPE = "scope";
    static final String TOKEN_METHOD = "token-method";
    static final String CLIENT_AUTH_ENCODING = ClientAuthEncoding.SETTING;
    static final String API_BASE_URL = "api-base-url";
    static final String TOKEN_URL = "token-url";

    /**
     * Built by the first {@link #info()}, not when discovery instantiates the provider: an application
     * discovers every provider on its class path and uses one or two.
     */
    private static final class Metadata {
        static final ProviderInfo INFO = ProviderInfo.builder("Domo")
                .documentation("https://developer.domo.com/docs/authentication/quickstart-5")
                .setting(Setting.text(CLIENT_ID, "Client id created under My Account > My Clients in the Domo"
                        + " developer portal").required())
                .setting(Setting.secret(CLIENT_SECRET, "Client secret belonging to client-id").required())
                .setting(Setting.choiceList(SCOPE, "Scopes to request, space or comma separated; unset sends no scope"
                        + " parameter, which Domo answers with every scope the client was created with", SCOPES))
                .setting(Setting.choice(TOKEN_METHOD, "'get' sends the parameters in the query of a GET, as documented;"
                        + " 'post' sends them as a form body, as Domo's SDKs do", List.of("get", "post"))
                        .defaultValue("get"))
                .setting(Setting.choice(CLIENT_AUTH_ENCODING, "How client-id and client-secret are put into HTTP Basic:"
                        + " 'rfc6749' form-urlencodes them before Base64 (RFC 6749 §2.3.1), 'raw' sends them as they are,"
                        + " like the documented curl -u id:secret; the same for ids and secrets of letters, digits and"
                        + " -._*", List.of("rfc6749", "raw")).defaultValue("rfc6749"))
                .setting(Setting.url(API_BASE_URL, "Base URL of the Domo API, kept on tokens as the 'api-base-url'"
                        + " attribute").defaultValue(DEFAULT_API_BASE_URL))
                .setting(Setting.url(TOKEN_URL, "Token endpoint; defaults to {api-base-url}/oauth/token"))
                .capabilities(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS)
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
        // The grant parameters are appended to the token URL's query; a query of its own would
        // duplicate or contradict them.
        Optional<String> tokenUrl = settings.find(TOKEN_URL);
        if (tokenUrl.isPresent() && hasQueryOrFragment(URI.create(tokenUrl.get()))) {
            problems.add("setting '" + TOKEN_URL + "' must not have a query or fragment;"
                    + " apiauth adds grant_type and scope itself, set them with '" + SCOPE + "'");
        }
        Optional<String> encodingProblem = ClientAuthEncoding.rawProblem(settings, CLIENT_ID, settings.get(CLIENT_ID));
        if (encodingProblem.isPresent()) {
            problems.add(encodingProblem.get());
        }
        return problems;
    }

    private static boolean hasQueryOrFragment(URI uri) {
        return uri.getRawQuery() != null || uri.getRawFragment() != null;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return new DomoTokenSource(settings, context);
    }

    @Override
    public String toString() {
        return "DomoProvider[" + ID + "]";
    }

    /** One Domo client: the client-credentials grant and the mapping of Domo's answers. */
    private static final class DomoTokenSource implements TokenSource {
        private final ProviderContext context;
        private final TokenResponses responses;
        private final String apiBaseUrl;
        private final URI tokenUrl;
        private final ClientCredentials client;
        private final String scope;
        private final boolean asQueryOfGet;
        private final boolean formEncodeBasic;

        DomoTokenSource(ProviderSettings settings, ProviderContext context) {
            this.context = context;
            this.responses = TokenResponses.of(context).withErrorCode(DomoTokenSource::errorCode)
                    .withErrorMessage(DomoTokenSource::errorMessage);
            this.apiBaseUrl = Urls.withoutTrailingSlash(settings.get(API_BASE_URL));
            this.tokenUrl = URI.create(settings.find(TOKEN_URL).orElse(apiBaseUrl + "/oauth/token"));
            this.client = new ClientCredentials(settings.get(CLIENT_ID), settings.secret(CLIENT_SECRET));
            this.scope = String.join(" ", new LinkedHashSet<>(settings.list(SCOPE)));
            this.asQueryOfGet = settings.get(TOKEN_METHOD).equals("get");
            this.formEncodeBasic = ClientAuthEncoding.formEncodes(settings);
        }

        @Override
        public AccessToken fetch() {
            GrantRequest grant = GrantRequest.clientCredentials(tokenUrl, client).formEncodeBasicCredentials(formEncodeBasic);
            if (!scope.isEmpty()) {
                grant.parameter("scope", scope);
            }
            if (asQueryOfGet) {
                grant.asQueryOfGet();
            }
            EndpointResponse response = context.tokenEndpoint().send(grant.build());
            if (asQueryOfGet && (response.status() == 404 || response.status() == 405)) {
                // The documented GET, refused by a server (a proxy, a mirror, a newer Domo) that takes POST only.
                throw new AuthException(ID, "the token endpoint answered HTTP " + response.status()
                        + " to the documented GET token request; if it takes only POST (as Domo's SDKs send it), set"
                        + " '" + TOKEN_METHOD + "' to 'post' (token-method=post); otherwise check the token URL setting");
            }
            Map<String, Object> body = responses.successObject(response);
            return responses.standardToken(response)
                    .attribute(CUSTOMER_ATTRIBUTE, body.get("customer"))
                    .attribute(ROLE_ATTRIBUTE, body.get("role"))
                    .attribute(USER_ID_ATTRIBUTE, body.get("userId"))
                    .attribute(SCOPE_ATTRIBUTE, body.get("scope"))
                    .attribute(API_BASE_URL_ATTRIBUTE, apiBaseUrl)
                    .build();
        }

        @Override
        public String toString() {
            return "DomoTokenSource[" + (asQueryOfGet ? "GET " : "POST ") + tokenUrl + ", " + client
                    + ", scope=" + (scope.isEmpty() ? "(the client's)" : scope) + "]";
        }

        /** OAuth-style {@code error}, or the {@code statusReason} of Domo's API error shape. */
        private static String errorCode(Map<String, Object> error) {
            return Json.text(error, "error").or(() -> Json.text(error, "statusReason")).orElse(null);
        }

        /**
         * OAuth-style {@code error_description}, or the {@code message} of Domo's API error shape
         * with its {@code toe} (the trace id Domo support asks for).
         */
        private static String errorMessage(Map<String, Object> error) {
            return Json.text(error, "error_description")
                    .or(() -> Json.text(error, "message").map(message -> Json.text(error, "toe")
                            .map(toe -> message + " (toe " + toe + ")").orElse(message)))
                    .orElse(null);
        }
    }
}
