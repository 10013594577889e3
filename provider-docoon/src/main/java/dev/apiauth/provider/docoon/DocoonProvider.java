package dev.apiauth.provider.docoon;

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
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.oauth2.ClientAuthEncoding;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.GrantRequest;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Docoon / Odyssey services, in one of three modes chosen by the {@code mode} setting:
 * <ul>
 *   <li>{@code basic}: every REST request carries {@code Authorization: Basic base64(login:password)};
 *       no token endpoint, so fetching a "token" does no network I/O;</li>
 *   <li>{@code password}: the OAuth2 password grant at
 *       {@code POST https://oauth.odyssey-services.fr/connect/token} with the client authenticated by
 *       HTTP Basic, {@code scope=OMS} and the login in Docoon's {@code msg\} domain; no refresh token,
 *       so the grant runs again when {@code expires_in} has passed;</li>
 *   <li>{@code apikey}: the GraphQL APIs' {@code ApiKey: {key}} header; no token endpoint.</li>
 * </ul>
 */
@Api(status = Api.Status.INTERNAL)
@AutoService(AuthProvider.class)
public final class DocoonProvider implements AuthProvider {
    /** The provider id. */
    public static final String ID = "docoon";
    /** The documented REST API base. */
    public static final String DEFAULT_API_BASE_URL = "https://api.odyssey-services.fr/api/v1";
    /** The documented token endpoint of mode {@code password}. */
    public static final String DEFAULT_TOKEN_URL = "https://oauth.odyssey-services.fr/connect/token";
    /** Token attribute (modes {@code basic} and {@code password}): the REST API base URL. */
    public static final String API_BASE_URL_ATTRIBUTE = "api-base-url";
    /** The Windows-style domain Docoon's token endpoint expects in front of the login. */
    static final String LOGIN_DOMAIN = "msg\\";

    static final String MODE = "mode";
    static final String LOGIN = "login";
    static final String PASSWORD = "password";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String CLIENT_AUTH_ENCODING = ClientAuthEncoding.SETTING;
    static final String API_KEY = "api-key";
    static final String SCOPE = "scope";
    static final String TOKEN_URL = "token-url";
    static final String API_BASE_URL = "api-base-url";

    /** The three ways Docoon authenticates, with the settings each one needs and may take. */
    enum Mode {
        BASIC(List.of(LOGIN, DocoonProvider.PASSWORD), List.of(API_BASE_URL)),
        PASSWORD(List.of(CLIENT_ID, CLIENT_SECRET, LOGIN, DocoonProvider.PASSWORD),
                List.of(CLIENT_AUTH_ENCODING, SCOPE, TOKEN_URL, API_BASE_URL)),
        APIKEY(List.of(API_KEY), List.of());

        final List<String> required;
        final List<String> optional;

        Mode(List<String> required, List<String> optional) {
            this.required = required;
            this.optional = optional;
        }

        static Mode of(ProviderSettings settings) {
            return valueOf(settings.get(MODE).toUpperCase(Locale.ROOT));
        }

        boolean uses(String setting) {
            return required.contains(setting) || optional.contains(setting);
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Built by the first {@link #info()}, not when discovery instantiates the provider: an application
     * discovers every provider on its class path and uses one or two.
     */
    private static final class Metadata {
        static final ProviderInfo INFO = ProviderInfo.builder("Docoon (Odyssey services)")
                .documentation("https://docapi.docoon.com/odyssey-apis/our-rest-apis/connect-to-our-rest-api/")
                .setting(Setting.choice(MODE, "How to authenticate: 'basic' (HTTP Basic with login and password on every"
                        + " REST request), 'password' (OAuth2 password grant, then Bearer tokens) or 'apikey' (ApiKey"
                        + " header for the GraphQL APIs)", Arrays.stream(Mode.values()).map(Mode::toString).toList())
                        .required())
                .setting(Setting.text(LOGIN, "Docoon user login, e.g. 55XXX.restAPITest (modes basic and password;"
                        + " the msg\\ domain is added for the password grant)"))
                .setting(Setting.secret(PASSWORD, "Password of login (modes basic and password)"))
                .setting(Setting.text(CLIENT_ID, "OAuth client id from Docoon support (mode password)"))
                .setting(Setting.secret(CLIENT_SECRET, "OAuth client secret belonging to client-id (mode password)"))
                .setting(ClientAuthEncoding.setting(" (mode password)"))
                .setting(Setting.secret(API_KEY, "API key of the GraphQL APIs, sent as the ApiKey header (mode apikey)"))
                .setting(Setting.text(SCOPE, "Scope of the password grant (mode password)").defaultValue("OMS"))
                .setting(Setting.url(TOKEN_URL, "Token endpoint of the password grant (mode password)")
                        .defaultValue(DEFAULT_TOKEN_URL))
                .setting(Setting.url(API_BASE_URL, "Base URL of the Docoon REST API, kept on tokens as the"
                        + " 'api-base-url' attribute (modes basic and password)").defaultValue(DEFAULT_API_BASE_URL))
                // Static per provider: both apply to mode password only (see the README).
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

    /** Every setting the mode needs, none it ignores, and a login HTTP Basic can carry. */
    @Override
    public List<String> validate(ProviderSettings settings) {
        Mode mode = Mode.of(settings);
        List<String> problems = new ArrayList<>();
        for (String name : mode.required) {
            if (settings.find(name).isEmpty()) {
                problems.add("mode '" + mode + "' needs setting '" + name + "' ("
                        + Metadata.INFO.setting(name).orElseThrow().description() + ")");
            }
        }
        for (Setting setting : Metadata.INFO.settings()) {
            if (!setting.name().equals(MODE) && settings.isGiven(setting.name()) && !mode.uses(setting.name())) {
                List<String> modes = Arrays.stream(Mode.values()).filter(m -> m.uses(setting.name()))
                        .map(Mode::toString).toList();
                problems.add("setting '" + setting.name() + "' is not used in mode '" + mode + "' (only in "
                        + String.join(" and ", modes) + "); remove it or change 'mode'");
            }
        }
        if (mode == Mode.PASSWORD) {
            ClientAuthEncoding.rawProblem(settings, CLIENT_ID, settings.find(CLIENT_ID).orElse(null))
                    .ifPresent(problems::add);
        }
        if (mode == Mode.BASIC && settings.find(LOGIN).filter(login -> login.contains(":")).isPresent()) {
            problems.add("setting 'login' must not contain ':' in mode 'basic': HTTP Basic separates login and"
                    + " password with it");
        }
        return problems;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return switch (Mode.of(settings)) {
            case BASIC -> new BasicSource(settings, context);
            case PASSWORD -> new PasswordGrantSource(settings, context);
            case APIKEY -> new ApiKeySource(settings, context);
        };
    }

    @Override
    public String toString() {
        return "DocoonProvider[" + ID + "]";
    }

    /** The login as the token endpoint wants it: in the {@code msg\} domain, added only if missing. */
    static String inLoginDomain(String login) {
        return login.regionMatches(true, 0, LOGIN_DOMAIN, 0, LOGIN_DOMAIN.length()) ? login : LOGIN_DOMAIN + login;
    }

    /** Mode {@code basic}: static credentials, a token of type Basic that never expires on its own. */
    private static final class BasicSource implements TokenSource {
        private final ProviderContext context;
        private final String login;
        private final Secret password;
        private final String apiBaseUrl;

        BasicSource(ProviderSettings settings, ProviderContext context) {
            this.context = context;
            this.login = settings.get(LOGIN);
            this.password = settings.secret(PASSWORD);
            this.apiBaseUrl = settings.get(API_BASE_URL);
        }

        @Override
        public AccessToken fetch() {
            String header = ClientCredentials.basic(login, password.reveal());
            return AccessToken.builder(header.substring("Basic ".length()), context.clock().instant())
                    .type("Basic")
                    .attribute(API_BASE_URL_ATTRIBUTE, apiBaseUrl)
                    .build();
        }

        @Override
        public String toString() {
            return "DocoonBasicSource[login=" + login + ", password=REDACTED]";
        }
    }

    /** Mode {@code password}: the documented password grant and its IdentityServer-style answers. */
    private static final class PasswordGrantSource implements TokenSource {
        private final ProviderContext context;
        private final TokenResponses responses;
        private final URI tokenUrl;
        private final ClientCredentials client;
        private final String username;
        private final Secret password;
        private final String scope;
        private final String apiBaseUrl;
        private final boolean formEncodeBasic;

        PasswordGrantSource(ProviderSettings settings, ProviderContext context) {
            this.context = context;
            // IdentityServer's error_description, or the Message of Docoon's own API errors.
            this.responses = TokenResponses.of(context).withErrorMessage(error -> Json.text(error, "error_description")
                    .or(() -> Json.text(error, "Message")).orElse(null));
            this.tokenUrl = settings.uri(TOKEN_URL);
            this.client = new ClientCredentials(settings.get(CLIENT_ID), settings.secret(CLIENT_SECRET));
            this.username = inLoginDomain(settings.get(LOGIN));
            this.password = settings.secret(PASSWORD);
            this.scope = settings.get(SCOPE);
            this.apiBaseUrl = settings.get(API_BASE_URL);
            this.formEncodeBasic = ClientAuthEncoding.formEncodes(settings);
        }

        @Override
        public AccessToken fetch() {
            EndpointResponse response = context.tokenEndpoint().send(
                    GrantRequest.password(tokenUrl, client, username, password)
                            .formEncodeBasicCredentials(formEncodeBasic)
                            .parameter("scope", scope).build());
            // A refresh_token, should one come, is ignored: the documented flow re-runs the grant.
            return responses.standardToken(response)
                    .attribute(API_BASE_URL_ATTRIBUTE, apiBaseUrl)
                    .build();
        }

        @Override
        public String toString() {
            return "DocoonPasswordGrantSource[tokenUrl=" + tokenUrl + ", " + client + ", username=" + username
                    + ", password=REDACTED]";
        }
    }

    /** Mode {@code apikey}: the key itself is the credential, sent as the {@code ApiKey} header. */
    private static final class ApiKeySource implements TokenSource {
        private final ProviderContext context;
        private final Secret apiKey;

        ApiKeySource(ProviderSettings settings, ProviderContext context) {
            this.context = context;
            this.apiKey = settings.secret(API_KEY);
        }

        @Override
        public AccessToken fetch() {
            return AccessToken.builder(apiKey.reveal(), context.clock().instant()).type("ApiKey").build();
        }

        @Override
        public Map<String, String> headers(AccessToken token) {
            return Map.of("ApiKey", token.value());
        }

        @Override
        public String toString() {
            return "DocoonApiKeySource[apiKey=REDACTED]";
        }
    }
}
