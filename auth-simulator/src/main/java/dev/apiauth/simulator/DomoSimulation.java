package dev.apiauth.simulator;

import static dev.apiauth.simulator.SimulatorContext.matches;

import dev.apiauth.shapes.DomoShapes;
import dev.apiauth.shapes.VendorResponse;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Domo: {@code GET /oauth/token?grant_type=client_credentials&scope=…} with HTTP Basic (documented)
 * or the same parameters POSTed as a form (Domo's SDKs), answering a JWT with {@code expires_in},
 * {@code customer}, {@code role}, {@code userId}; {@code GET /v1/users} wants a bearer token with
 * scope {@code user}.
 */
final class DomoSimulation implements Simulation {
    static final String ID = "domo";

    private final SimulatorContext context;
    private final String clientId;
    private final String clientSecret;

    DomoSimulation(SimulatorContext context, String clientId, String clientSecret) {
        this.context = context;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@code get}: the documented GET with a query; {@code post}: the SDKs' form POST. */
    @Override
    public List<String> variants() {
        return List.of("get", "post");
    }

    @Override
    public Map<String, String> settings(URI base, String variant) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client-id", clientId);
        settings.put("client-secret", clientSecret);
        settings.put("scope", String.join(" ", DomoShapes.DEMO_SCOPES));
        settings.put("token-method", variant);
        settings.put("api-base-url", base.toString());
        return settings;
    }

    @Override
    public URI apiUri(URI base, String variant) {
        return URI.create(base + "/v1/users");
    }

    @Override
    public VendorResponse handle(Request request, URI base) {
        return switch (request.path()) {
            case "/oauth/token" -> token(request);
            case "/v1/users" -> users(request);
            default -> null;
        };
    }

    private VendorResponse token(Request request) {
        context.countTokenRequest(ID);
        if (!request.method().equals("GET") && !request.method().equals("POST")) {
            return DomoShapes.oauthError(405, "method_not_allowed", "Request method '" + request.method()
                    + "' not supported").withHeader("Allow", "GET, POST");
        }
        // The documented GET carries the parameters in the query; the SDKs' POST in a form body.
        Map<String, List<String>> parameters = new LinkedHashMap<>(request.query());
        request.form().forEach((name, values) ->
                parameters.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
        Optional<Request.BasicCredentials> client = request.basic(true);
        if (client.isEmpty() || !matches(client.get().user(), clientId)
                || !matches(client.get().password(), clientSecret)) {
            return DomoShapes.badCredentials();
        }
        Optional<String> grantType = Request.single(parameters, "grant_type");
        if (grantType.isEmpty()) {
            return DomoShapes.invalidRequest("Missing grant type");
        }
        if (!grantType.get().equals("client_credentials")) {
            return DomoShapes.unsupportedGrantType(grantType.get());
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : Request.single(parameters, "scope").orElse("").split("[\\s,]+")) {
            if (scope.isEmpty()) {
                continue;
            }
            if (!DomoShapes.DEMO_SCOPES.contains(scope)) {
                return DomoShapes.invalidScope(scope);
            }
            scopes.add(scope);
        }
        if (scopes.isEmpty()) {
            // No scope means every scope the client was created with.
            scopes.addAll(DomoShapes.DEMO_SCOPES);
        }
        Instant expiresAt = context.now().plus(context.lifetime(ID));
        String jti = UUID.randomUUID().toString();
        List<String> granted = List.copyOf(scopes);
        String token = DomoShapes.accessToken(clientId, DomoShapes.DEMO_CUSTOMER, DomoShapes.DEMO_ROLE,
                DomoShapes.DEMO_USER_ID, granted, expiresAt, jti, context.signingKey());
        context.tokens.issue(ID, token, expiresAt, Map.of("scopes", granted));
        return DomoShapes.tokenIssued(token, DomoShapes.DEMO_CUSTOMER, context.lifetime(ID).toSeconds(), jti,
                DomoShapes.DEMO_ROLE, String.join(" ", granted), DomoShapes.DEMO_USER_ID);
    }

    private VendorResponse users(Request request) {
        context.countApiRequest(ID);
        if (!request.method().equals("GET")) {
            return DomoShapes.apiError(405, "Method Not Allowed", "/v1/users", "Request method '" + request.method()
                    + "' not supported", toe());
        }
        IssuedTokens.Check check = context.tokens.check(ID, request.authorization("Bearer").orElse(null));
        return switch (check.status()) {
            case UNKNOWN -> DomoShapes.invalidToken("Cannot convert access token to JSON");
            case EXPIRED -> DomoShapes.invalidToken("Access token expired");
            case VALID -> ((List<?>) check.grant().details().get("scopes")).contains("user")
                    ? DomoShapes.users()
                    : DomoShapes.apiError(403, "Forbidden", "/v1/users", "Insufficient scope: this call needs"
                            + " scope 'user'", toe());
        };
    }

    /** Domo's trace id format, e.g. {@code 5QGB2UK5D1-VZ8WT-AOUKI}. */
    private String toe() {
        String hex = context.randomHex(10).toUpperCase(Locale.ROOT);
        return hex.substring(0, 10) + "-" + hex.substring(10, 15) + "-" + hex.substring(15, 20);
    }
}
