package dev.apiauth.simulator;

import static dev.apiauth.simulator.SimulatorContext.matches;

import dev.apiauth.shapes.DooShapes;
import dev.apiauth.shapes.VendorResponse;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * doo: {@code POST /v1/oauth} with {@code x-api-key} and a JSON client-credentials body, answering
 * in doo's envelope with a JWT; {@code GET /v1/events} wants the bearer token and the API key.
 */
final class DooSimulation implements Simulation {
    static final String ID = "doo";

    private final SimulatorContext context;
    private final String clientId;
    private final String clientSecret;
    private final String apiKey;

    DooSimulation(SimulatorContext context, String clientId, String clientSecret, String apiKey) {
        this.context = context;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.apiKey = apiKey;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> variants() {
        return List.of("default");
    }

    @Override
    public Map<String, String> settings(URI base, String variant) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client-id", clientId);
        settings.put("client-secret", clientSecret);
        settings.put("api-key", apiKey);
        settings.put("api-base-url", base + "/v1");
        // The simulator does not enforce doo's 1 request/s, so pacing would only slow the demo and tests down.
        settings.put("pace-requests", "false");
        return settings;
    }

    @Override
    public URI apiUri(URI base, String variant) {
        return URI.create(base + "/v1/events");
    }

    @Override
    public VendorResponse handle(Request request, URI base) {
        return switch (request.path()) {
            case "/v1/oauth" -> token(request, base);
            case "/v1/events" -> events(request);
            default -> null;
        };
    }

    private VendorResponse token(Request request, URI base) {
        context.countTokenRequest(ID);
        if (!request.method().equals("POST")) {
            return DooShapes.methodNotAllowed("POST");
        }
        // The API key is checked first: it identifies the caller before anything else is read.
        if (!matches(request.header("x-api-key").orElse(null), apiKey)) {
            return DooShapes.invalidApiKey();
        }
        if (!request.hasMediaType("application/json")) {
            return DooShapes.badRequest("Content-Type must be application/json; send the credentials as a JSON object");
        }
        Optional<Map<String, Object>> body = request.jsonObject();
        if (body.isEmpty()) {
            return DooShapes.badRequest("The request body is not a JSON object");
        }
        if (!"client_credentials".equals(body.get().get("grant_type"))) {
            return DooShapes.badRequest("grant_type must be client_credentials");
        }
        if (!matches(text(body.get().get("client_id")), clientId)
                || !matches(text(body.get().get("client_secret")), clientSecret)) {
            return DooShapes.invalidClient();
        }
        Instant now = context.now();
        Instant expiresAt = now.plus(context.lifetime(ID));
        String token = DooShapes.accessToken(clientId, now, expiresAt, context.randomHex(16), context.signingKey());
        context.tokens.issue(ID, token, expiresAt, Map.of());
        return DooShapes.tokenIssued(token, base + "/v1/oauth");
    }

    private VendorResponse events(Request request) {
        context.countApiRequest(ID);
        if (!request.method().equals("GET")) {
            return DooShapes.methodNotAllowed("GET");
        }
        if (!matches(request.header("x-api-key").orElse(null), apiKey)) {
            return DooShapes.invalidApiKey();
        }
        if (!context.tokens.check(ID, request.authorization("Bearer").orElse(null)).valid()) {
            return DooShapes.tokenRejected();
        }
        return DooShapes.events();
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }
}
