package dev.apiauth.provider.docplanner;

import com.google.auto.service.AutoService;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.oauth2.ClientAuthEncoding;
import dev.apiauth.spi.oauth2.ClientAuthentication;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.GrantRequest;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Docplanner integrations (Doctoralia, ZnanyLekarz, MioDottore, jameda, …): OAuth2 client
 * credentials at {@code POST https://www.{domain}/oauth/v2/token}, the client authenticated by HTTP
 * Basic (or, as the official PHP SDK does, by body parameters), {@code scope=integration}. The
 * token is opaque and its {@code expires_in} is trusted. Tokens carry the account's API base URL
 * ({@code https://www.{domain}/api/v3/integration}) as the attribute {@value #API_BASE_URL_ATTRIBUTE}.
 */
@Api(status = Api.Status.INTERNAL)
@AutoService(AuthProvider.class)
public final class DocplannerProvider implements AuthProvider {
    /** The provider id. */
    public static final String ID = "docplanner";

    /** The country domains Docplanner serves integrations from, as its documentation lists them. */
    public static final List<String> DOMAINS = List.of(
            "doctoraliar.com", "doctoralia.com.br", "doctoralia.cl", "doctoralia.co", "znamylekar.cz",
            "doctoralia.es", "miodottore.it", "doctoralia.mx", "doctoralia.pe", "doctoralia.com.pt",
            "doktortakvimi.com", "znanylekarz.pl", "jameda.de");

    /** The token attribute holding the API base URL of the account's domain. */
    public static final String API_BASE_URL_ATTRIBUTE = "api-base-url";
    /** The token attribute holding the account's domain. */
    public static final String DOMAIN_ATTRIBUTE = "domain";

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String DOMAIN = "domain";
    static final String CLIENT_AUTHENTICATION = "client-authentication";
    static final String CLIENT_AUTH_ENCODING = ClientAuthEncoding.SETTING;
    static final String SCOPE = "scope";
    static final String TOKEN_URL = "token-url";
    static final String API_BASE_URL = "api-base-url";

    /**
     * Built by the first {@link #info()}, not when discovery instantiates the provider: an application
     * discovers every provider on its class path and uses one or two.
     */
    private static final class Metadata {
        static final ProviderInfo INFO = ProviderInfo.builder("Docplanner")
                .documentation("https://integrations.docplanner.com/guide/fundamentals/authorization.html")
                .setting(Setting.text(CLIENT_ID, "OAuth client id Docplanner Integrations issued for the account").required())
                .setting(Setting.secret(CLIENT_SECRET, "OAuth client secret belonging to client-id").required())
                .setting(Setting.choice(DOMAIN, "The country domain the account lives on, e.g. doctoralia.es",
                        DOMAINS).required())
                .setting(Setting.choice(CLIENT_AUTHENTICATION, "How the client authenticates: 'basic' (HTTP Basic,"
                        + " as documented) or 'body' (client_id and client_secret form parameters, as the PHP SDK"
                        + " sends them)", List.of("basic", "body")).defaultValue("basic"))
                .setting(ClientAuthEncoding.setting(""))
                .setting(Setting.text(SCOPE, "The scope requested; 'integration' for regular integrations")
                        .defaultValue("integration"))
                .setting(Setting.url(TOKEN_URL, "Token endpoint; defaults to https://www.{domain}/oauth/v2/token"))
                .setting(Setting.url(API_BASE_URL, "API base URL, kept on tokens as the 'api-base-url' attribute;"
                        + " defaults to https://www.{domain}/api/v3/integration"))
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
        boolean basic = settings.get(CLIENT_AUTHENTICATION).equals("basic");
        if (!basic && settings.isGiven(CLIENT_AUTH_ENCODING)) {
            problems.add("setting '" + CLIENT_AUTH_ENCODING + "' applies to HTTP Basic only, but '"
                    + CLIENT_AUTHENTICATION + "' is 'body'; remove one of them");
        }
        if (basic) {
            Optional<String> encodingProblem = ClientAuthEncoding.rawProblem(settings, CLIENT_ID, settings.get(CLIENT_ID));
            if (encodingProblem.isPresent()) {
                problems.add(encodingProblem.get());
            }
        }
        return problems;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return new DocplannerTokenSource(settings, context);
    }

    @Override
    public String toString() {
        return "DocplannerProvider[" + ID + "]";
    }

    /** One Docplanner account: the client-credentials grant and its RFC 6749 / vnd.error mapping. */
    private static final class DocplannerTokenSource implements TokenSource {
        private final ProviderContext context;
        private final TokenResponses responses;
        private final String domain;
        private final URI tokenUrl;
        private final String apiBaseUrl;
        private final ClientCredentials client;
        private final ClientAuthentication authentication;
        private final boolean formEncodeBasic;
        private final String scope;

        DocplannerTokenSource(ProviderSettings settings, ProviderContext context) {
            this.context = context;
            this.responses = TokenResponses.of(context).withErrorMessage(DocplannerTokenSource::description);
            this.domain = settings.get(DOMAIN);
            this.tokenUrl = URI.create(settings.find(TOKEN_URL).orElse("https://www." + domain + "/oauth/v2/token"));
            this.apiBaseUrl = settings.find(API_BASE_URL).orElse("https://www." + domain + "/api/v3/integration");
            this.client = new ClientCredentials(settings.get(CLIENT_ID), settings.secret(CLIENT_SECRET));
            this.authentication = ClientAuthentication.valueOf(settings.get(CLIENT_AUTHENTICATION).toUpperCase(Locale.ROOT));
            this.formEncodeBasic = ClientAuthEncoding.formEncodes(settings);
            this.scope = settings.get(SCOPE);
        }

        @Override
        public AccessToken fetch() {
            EndpointResponse response = context.tokenEndpoint().send(GrantRequest.clientCredentials(tokenUrl, client)
                    .authentication(authentication)
                    .formEncodeBasicCredentials(formEncodeBasic)
                    .parameter("scope", scope)
                    .build());
            return responses.standardToken(response)
                    .attribute(DOMAIN_ATTRIBUTE, domain)
                    .attribute(API_BASE_URL_ATTRIBUTE, apiBaseUrl)
                    .build();
        }

        @Override
        public String toString() {
            return "DocplannerTokenSource[tokenUrl=" + tokenUrl + ", " + client + ", authentication="
                    + authentication + "]";
        }

        /**
         * The vendor's message: RFC 6749 {@code error_description}, or Docplanner's own
         * {@code application/vnd.error+docplanner+json} {@code message} with its {@code errors}
         * (a list, or field names mapped to lists of messages).
         */
        private static String description(Map<String, Object> error) {
            Optional<String> description = Json.text(error, "error_description");
            if (description.isPresent()) {
                return description.get();
            }
            String message = Json.text(error, "message").orElse(null);
            String details = details(error.get("errors"));
            if (message == null) {
                return details.isEmpty() ? null : details;
            }
            return details.isEmpty() ? message : message + " (" + details + ")";
        }

        private static String details(Object errors) {
            if (errors instanceof Map<?, ?> byField) {
                return byField.entrySet().stream()
                        .map(entry -> entry.getKey() + ": " + details(entry.getValue()))
                        .collect(Collectors.joining("; "));
            }
            if (errors instanceof List<?> items) {
                return items.stream().map(DocplannerTokenSource::details).filter(item -> !item.isEmpty())
                        .collect(Collectors.joining(", "));
            }
            return errors == null ? "" : errors.toString().strip();
        }
    }
}
