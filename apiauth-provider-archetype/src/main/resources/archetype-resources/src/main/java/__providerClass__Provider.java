package ${package};

import com.google.auto.service.AutoService;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.GrantRequest;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;

/**
 * ${providerName}: OAuth2 client credentials (RFC 6749 section 4.4) at the vendor's token
 * endpoint, the client authenticated by HTTP Basic, the answer a standard OAuth2 token response.
 *
 * <p>This is where a new provider starts: change the settings, the token request and the mapping
 * of the answer to what ${providerName} documents, and keep the contract test
 * ({@code ${providerClass}ContractTest}) passing with a fixture that says the same.
 */
@AutoService(AuthProvider.class)
public final class ${providerClass}Provider implements AuthProvider {
    /** The provider id: {@code AuthProviders.get("${providerId}")}, {@code authctl token ${providerId}}. */
    public static final String ID = "${providerId}";
    /** The vendor's token endpoint. */
    public static final String DEFAULT_TOKEN_URL = "https://auth.example.com/oauth/token";

    /** Token attribute: the API base URL requests with this token go to. */
    public static final String API_BASE_URL_ATTRIBUTE = "api-base-url";

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String SCOPE = "scope";
    static final String TOKEN_URL = "token-url";
    static final String API_BASE_URL = "api-base-url";

    private static final ProviderInfo INFO = ProviderInfo.builder("${providerName}")
            .documentation("https://example.com/docs/authentication")
            .setting(Setting.text(CLIENT_ID, "OAuth client id of the ${providerName} application").required())
            .setting(Setting.secret(CLIENT_SECRET, "OAuth client secret belonging to client-id").required())
            .setting(Setting.text(SCOPE, "Scopes to request, space separated; unset requests the client's default"))
            .setting(Setting.url(TOKEN_URL, "Token endpoint").defaultValue(DEFAULT_TOKEN_URL))
            .setting(Setting.url(API_BASE_URL, "Base URL of the ${providerName} API, kept on tokens as the"
                    + " 'api-base-url' attribute").defaultValue("https://api.example.com"))
            .capabilities(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS)
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return new ${providerClass}TokenSource(settings, context);
    }

    @Override
    public String toString() {
        return "${providerClass}Provider[" + ID + "]";
    }

    /** One account: the client-credentials grant and the mapping of the vendor's answers. */
    private static final class ${providerClass}TokenSource implements TokenSource {
        private final ProviderContext context;
        private final TokenResponses responses;
        private final URI tokenUrl;
        private final ClientCredentials client;
        private final String scope;
        private final String apiBaseUrl;

        ${providerClass}TokenSource(ProviderSettings settings, ProviderContext context) {
            this.context = context;
            // Bound to this provider's id and the engine's clock. A vendor with its own error shape
            // says where its message is: .withErrorMessage(error -> Json.text(error, "message").orElse(null))
            this.responses = TokenResponses.of(context);
            this.tokenUrl = URI.create(settings.get(TOKEN_URL));
            this.client = new ClientCredentials(settings.get(CLIENT_ID), settings.secret(CLIENT_SECRET));
            this.scope = settings.find(SCOPE).map(String::strip).orElse("");
            this.apiBaseUrl = settings.get(API_BASE_URL);
        }

        @Override
        public AccessToken fetch() {
            GrantRequest grant = GrantRequest.clientCredentials(tokenUrl, client);
            if (!scope.isEmpty()) {
                grant.parameter("scope", scope);
            }
            EndpointResponse response = context.tokenEndpoint().send(grant.build());
            // A refusal (RFC 6749 error/error_description), a 5xx or 429, or anything but a token
            // becomes the engine's typed exception here.
            return responses.standardToken(response)
                    .attribute(API_BASE_URL_ATTRIBUTE, apiBaseUrl)
                    .build();
        }

        /** Never the secret: {@link ClientCredentials} prints only the client id. */
        @Override
        public String toString() {
            return "${providerClass}TokenSource[POST " + tokenUrl + ", " + client + "]";
        }
    }
}
