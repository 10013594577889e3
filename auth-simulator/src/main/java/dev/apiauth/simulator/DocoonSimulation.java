package dev.apiauth.simulator;

import static dev.apiauth.simulator.SimulatorContext.matches;

import dev.apiauth.shapes.DocoonShapes;
import dev.apiauth.shapes.VendorResponse;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Docoon / Odyssey services: the password grant at {@code POST /connect/token} (client by HTTP Basic,
 * {@code username=msg\{login}}, {@code scope=OMS}) answering an opaque token with {@code expires_in};
 * the REST API {@code GET /api/v1/JobTypes} takes that bearer token or HTTP Basic login and password;
 * the GraphQL API {@code /graphql} takes the {@code ApiKey} header.
 */
final class DocoonSimulation implements Simulation {
    static final String ID = "docoon";
    static final String PASSWORD_MODE = "password";
    static final String BASIC_MODE = "basic";
    static final String APIKEY_MODE = "apikey";
    private static final String GRAPHQL_QUERY = "?query=%7BjobTypes%7Bid%20label%7D%7D";

    private final SimulatorContext context;
    private final String clientId;
    private final String clientSecret;
    private final String login;
    private final String password;
    private final String apiKey;

    DocoonSimulation(SimulatorContext context, String clientId, String clientSecret, String login, String password,
            String apiKey) {
        this.context = context;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.login = login;
        this.password = password;
        this.apiKey = apiKey;
    }

    @Override
    public String id() {
        return ID;
    }

    /** The provider's three modes, {@code password} (the one with a token endpoint) first. */
    @Override
    public List<String> variants() {
        return List.of(PASSWORD_MODE, BASIC_MODE, APIKEY_MODE);
    }

    @Override
    public Map<String, String> settings(URI base, String variant) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mode", variant);
        switch (variant) {
            case PASSWORD_MODE -> {
                settings.put("client-id", clientId);
                settings.put("client-secret", clientSecret);
                settings.put("login", login);
                settings.put("password", password);
                settings.put("token-url", base + "/connect/token");
                settings.put("api-base-url", base + "/api/v1");
            }
            case BASIC_MODE -> {
                settings.put("login", login);
                settings.put("password", password);
                settings.put("api-base-url", base + "/api/v1");
            }
            default -> settings.put("api-key", apiKey);
        }
        return settings;
    }

    @Override
    public URI apiUri(URI base, String variant) {
        return URI.create(variant.equals(APIKEY_MODE) ? base + "/graphql" + GRAPHQL_QUERY : base + "/api/v1/JobTypes");
    }

    @Override
    public VendorResponse handle(Request request, URI base) {
        return switch (request.path()) {
            case "/connect/token" -> token(request);
            case "/api/v1/JobTypes" -> jobTypes(request);
            case "/graphql" -> graphql(request);
            default -> null;
        };
    }

    private VendorResponse token(Request request) {
        context.countTokenRequest(ID);
        if (!request.method().equals("POST") || !request.hasMediaType("application/x-www-form-urlencoded")) {
            return DocoonShapes.invalidRequest();
        }
        Map<String, List<String>> form = request.form();
        // IdentityServer takes the client from HTTP Basic, or else from the body.
        Optional<Request.BasicCredentials> basic = request.basic(true);
        String presentedId = basic.map(Request.BasicCredentials::user)
                .orElseGet(() -> Request.single(form, "client_id").orElse(null));
        String presentedSecret = basic.map(Request.BasicCredentials::password)
                .orElseGet(() -> Request.single(form, "client_secret").orElse(null));
        if (!matches(presentedId, clientId) || !matches(presentedSecret, clientSecret)) {
            return DocoonShapes.invalidClient();
        }
        if (!Request.single(form, "grant_type").filter(PASSWORD_MODE::equals).isPresent()) {
            return DocoonShapes.unsupportedGrantType();
        }
        String scope = Request.single(form, "scope").orElse(DocoonShapes.SCOPE);
        if (!Arrays.stream(scope.split(" ")).allMatch(DocoonShapes.SCOPE::equals)) {
            return DocoonShapes.invalidScope();
        }
        String username = Request.single(form, "username").orElse("");
        boolean inDomain = username.regionMatches(true, 0, DocoonShapes.LOGIN_DOMAIN, 0,
                DocoonShapes.LOGIN_DOMAIN.length());
        if (!inDomain || !matches(username.substring(DocoonShapes.LOGIN_DOMAIN.length()), login)
                || !matches(Request.single(form, "password").orElse(null), password)) {
            return DocoonShapes.invalidGrant();
        }
        Instant expiresAt = context.now().plus(context.lifetime(ID));
        // IdentityServer reference tokens: 64 upper-case hex digits, opaque to the client.
        String token = context.randomHex(32).toUpperCase(Locale.ROOT);
        context.tokens.issue(ID, token, expiresAt, Map.of());
        return DocoonShapes.tokenIssued(token, context.lifetime(ID).toSeconds());
    }

    private VendorResponse jobTypes(Request request) {
        context.countApiRequest(ID);
        Optional<String> bearer = request.authorization("Bearer");
        boolean allowed = bearer.isPresent()
                ? context.tokens.check(ID, bearer.get()).valid()
                : request.basic(false).filter(basic -> matches(basic.user(), login) && matches(basic.password(), password))
                        .isPresent();
        if (!allowed) {
            return DocoonShapes.denied();
        }
        return request.method().equals("GET") ? DocoonShapes.jobTypes() : DocoonShapes.methodNotAllowed(request.method());
    }

    private VendorResponse graphql(Request request) {
        context.countApiRequest(ID);
        if (!matches(request.header("ApiKey").orElse(null), apiKey)) {
            return DocoonShapes.graphqlDenied();
        }
        return DocoonShapes.graphqlJobTypes();
    }
}
