package dev.apiauth.simulator;

import static dev.apiauth.simulator.SimulatorContext.matches;

import dev.apiauth.shapes.DocplannerShapes;
import dev.apiauth.shapes.VendorResponse;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docplanner: {@code POST /oauth/v2/token}, client credentials by HTTP Basic (documented) or body
 * parameters (the PHP SDK), {@code scope=integration}, answering a 40-hex opaque token with
 * {@code expires_in}; {@code GET /api/v3/integration/facilities} wants the bearer token.
 */
final class DocplannerSimulation implements Simulation {
    static final String ID = "docplanner";

    private final SimulatorContext context;
    private final String clientId;
    private final String clientSecret;

    DocplannerSimulation(SimulatorContext context, String clientId, String clientSecret) {
        this.context = context;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@code basic}: HTTP Basic client authentication (documented); {@code body}: form parameters. */
    @Override
    public List<String> variants() {
        return List.of("basic", "body");
    }

    @Override
    public Map<String, String> settings(URI base, String variant) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client-id", clientId);
        settings.put("client-secret", clientSecret);
        settings.put("domain", DocplannerShapes.DEMO_DOMAIN);
        settings.put("client-authentication", variant);
        settings.put("token-url", base + "/oauth/v2/token");
        settings.put("api-base-url", base + "/api/v3/integration");
        return settings;
    }

    @Override
    public URI apiUri(URI base, String variant) {
        return URI.create(base + "/api/v3/integration/facilities");
    }

    @Override
    public VendorResponse handle(Request request, URI base) {
        return switch (request.path()) {
            case "/oauth/v2/token" -> token(request);
            case "/api/v3/integration/facilities" -> facilities(request);
            default -> null;
        };
    }

    private VendorResponse token(Request request) {
        context.countTokenRequest(ID);
        if (!request.method().equals("POST")) {
            return DocplannerShapes.invalidRequest("The request method must be POST when requesting an access token")
                    .withHeader("Allow", "POST");
        }
        if (!request.hasMediaType("application/x-www-form-urlencoded")) {
            return DocplannerShapes.invalidRequest("The content type for POST requests must be"
                    + " \"application/x-www-form-urlencoded\"");
        }
        Map<String, List<String>> form = request.form();
        Optional<Request.BasicCredentials> basic = request.basic(true);
        boolean inBody = form.containsKey("client_id") || form.containsKey("client_secret");
        if (basic.isPresent() && inBody) {
            // RFC 6749 §2.3: a client must not use more than one authentication method per request.
            return DocplannerShapes.invalidRequest("Only one method may be used to authenticate at a time"
                    + " (Auth header, POST or GET)");
        }
        String presentedId = basic.map(Request.BasicCredentials::user)
                .orElseGet(() -> Request.single(form, "client_id").orElse(null));
        String presentedSecret = basic.map(Request.BasicCredentials::password)
                .orElseGet(() -> Request.single(form, "client_secret").orElse(null));
        if (!matches(presentedId, clientId) || !matches(presentedSecret, clientSecret)) {
            return DocplannerShapes.invalidClient();
        }
        if (!Request.single(form, "grant_type").filter("client_credentials"::equals).isPresent()) {
            return DocplannerShapes.unsupportedGrantType();
        }
        if (!Request.single(form, "scope").orElse(DocplannerShapes.SCOPE).equals(DocplannerShapes.SCOPE)) {
            return DocplannerShapes.invalidScope();
        }
        Instant expiresAt = context.now().plus(context.lifetime(ID));
        String token = context.randomHex(20);
        context.tokens.issue(ID, token, expiresAt, Map.of());
        return DocplannerShapes.tokenIssued(token, context.lifetime(ID).toSeconds());
    }

    private VendorResponse facilities(Request request) {
        context.countApiRequest(ID);
        if (!request.method().equals("GET")) {
            return DocplannerShapes.apiError(405, "Method not allowed").withHeader("Allow", "GET");
        }
        IssuedTokens.Check check = context.tokens.check(ID, request.authorization("Bearer").orElse(null));
        return switch (check.status()) {
            case VALID -> DocplannerShapes.facilities();
            case EXPIRED -> DocplannerShapes.tokenExpired();
            case UNKNOWN -> DocplannerShapes.tokenInvalid();
        };
    }
}
