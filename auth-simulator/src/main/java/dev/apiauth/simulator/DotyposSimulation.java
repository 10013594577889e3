package dev.apiauth.simulator;

import static dev.apiauth.simulator.SimulatorContext.matches;

import dev.apiauth.shapes.DotyposShapes;
import dev.apiauth.shapes.VendorResponse;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dotypos: the connector page ({@code GET /client/connect} with the client secret in the query, or
 * the signed form {@code POST /client/connect/v2}), which grants at once, as if the user had picked
 * the demo cloud and allowed access, by redirecting to {@code redirect_uri?token&cloudid&state};
 * {@code POST /v2/signin/token} with {@code Authorization: User {refreshToken}} and
 * {@code {"_cloudId"}} answering a JWT; {@code GET /v2/clouds} and
 * {@code GET /v2/clouds/{cloudId}/products} want a bearer token for that cloud and answer 403 otherwise.
 */
final class DotyposSimulation implements Simulation {
    static final String ID = "dotypos";
    private static final Pattern PRODUCTS = Pattern.compile("/v2/clouds/([^/]+)/products");

    private final SimulatorContext context;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final String cloudId;

    DotyposSimulation(SimulatorContext context, String clientId, String clientSecret, String refreshToken,
            String cloudId) {
        this.context = context;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.cloudId = cloudId;
    }

    @Override
    public String id() {
        return ID;
    }

    /** The consent flavour: {@code legacy} (documented GET) or {@code v2} (signed form). */
    @Override
    public List<String> variants() {
        return List.of("legacy", "v2");
    }

    @Override
    public Map<String, String> settings(URI base, String variant) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client-id", clientId);
        settings.put("client-secret", clientSecret);
        settings.put("cloud-id", cloudId);
        // What the consent would yield, so the demo and tests need no browser.
        settings.put("refresh-token", refreshToken);
        settings.put("consent-flavour", variant);
        settings.put("token-url", base + "/v2/signin/token");
        settings.put("api-base-url", base + "/v2");
        settings.put("connect-url", base + "/client/connect");
        settings.put("connect-v2-url", base + "/client/connect/v2");
        return settings;
    }

    @Override
    public URI apiUri(URI base, String variant) {
        return URI.create(base + "/v2/clouds/" + cloudId + "/products");
    }

    @Override
    public VendorResponse handle(Request request, URI base) {
        switch (request.path()) {
            case "/client/connect":
                return legacyConsent(request);
            case "/client/connect/v2":
                return signedConsent(request);
            case "/v2/signin/token":
                return token(request);
            case "/v2/clouds":
                return api(request, null);
            default:
                Matcher products = PRODUCTS.matcher(request.path());
                return products.matches() ? api(request, products.group(1)) : null;
        }
    }

    private VendorResponse legacyConsent(Request request) {
        if (!request.method().equals("GET")) {
            return DotyposShapes.consentRefused(405, "Open this page in a browser (GET).").withHeader("Allow", "GET");
        }
        Map<String, List<String>> query = request.query();
        if (!matches(Request.single(query, "client_id").orElse(null), clientId)
                || !matches(Request.single(query, "client_secret").orElse(null), clientSecret)) {
            return DotyposShapes.consentRefused(401, "Unknown client application or wrong client secret.");
        }
        return grant(query);
    }

    private VendorResponse signedConsent(Request request) {
        if (!request.method().equals("POST")) {
            return DotyposShapes.consentRefused(405, "Submit the signed form (POST).").withHeader("Allow", "POST");
        }
        Map<String, List<String>> form = request.form();
        if (!matches(Request.single(form, "client_id").orElse(null), clientId)) {
            return DotyposShapes.consentRefused(401, "Unknown client application.");
        }
        Optional<String> timestamp = Request.single(form, "timestamp").filter(value -> value.matches("\\d{1,12}"));
        if (timestamp.isEmpty()) {
            return DotyposShapes.consentRefused(400, "The timestamp is missing or not a Unix time in seconds.");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp.get())), context.clock.instant());
        if (age.abs().compareTo(DotyposShapes.SIGNATURE_TOLERANCE) > 0) {
            return DotyposShapes.consentRefused(401, "The signed request has expired; sign a fresh timestamp.");
        }
        String presented = Request.single(form, "signature").orElse("").toLowerCase(Locale.ROOT);
        if (!matches(presented, signature(timestamp.get()))) {
            return DotyposShapes.consentRefused(401, "Invalid signature.");
        }
        return grant(form);
    }

    /** The user "allows access" to the demo cloud: redirect with the refresh token. */
    private VendorResponse grant(Map<String, List<String>> parameters) {
        if (!Request.single(parameters, "scope").filter("*"::equals).isPresent()) {
            return DotyposShapes.consentRefused(400, "Unsupported scope; * is the only supported value.");
        }
        Optional<URI> redirect = Request.single(parameters, "redirect_uri").flatMap(DotyposSimulation::absoluteHttp);
        if (redirect.isEmpty()) {
            return DotyposShapes.consentRefused(400, "redirect_uri is missing or not an absolute http(s) URL.");
        }
        String state = Request.single(parameters, "state").filter(value -> !value.isEmpty()).orElse(null);
        return DotyposShapes.consentGranted(redirect.get(), refreshToken, cloudId, state);
    }

    private VendorResponse token(Request request) {
        context.countTokenRequest(ID);
        if (!request.method().equals("POST")) {
            return DotyposShapes.error(405, "MethodNotAllowed", "Use POST").withHeader("Allow", "POST");
        }
        if (!matches(request.authorization("User").orElse(null), refreshToken)) {
            return DotyposShapes.refreshTokenRejected();
        }
        if (!request.hasMediaType("application/json")) {
            return DotyposShapes.notJson();
        }
        Optional<Map<String, Object>> body = request.jsonObject();
        if (body.isEmpty()) {
            return DotyposShapes.notJson();
        }
        Object requested = body.get().get("_cloudId");
        String cloud = null;
        if (requested != null) {
            cloud = cloudIdText(requested);
            if (!cloudId.equals(cloud)) {
                return DotyposShapes.cloudForbidden();
            }
        }
        Instant now = context.now();
        Instant expiresAt = now.plus(context.lifetime(ID));
        String token = DotyposShapes.accessToken(clientId, cloud, now, expiresAt, context.randomHex(16),
                context.signingKey());
        context.tokens.issue(ID, token, expiresAt, cloud == null ? Map.of() : Map.of("cloudId", cloud));
        return DotyposShapes.tokenIssued(token);
    }

    /** {@code null} for the cloud list; otherwise the cloud in the path, which the token must be for. */
    private VendorResponse api(Request request, String pathCloudId) {
        context.countApiRequest(ID);
        if (!request.method().equals("GET")) {
            return DotyposShapes.error(405, "MethodNotAllowed", "Use GET").withHeader("Allow", "GET");
        }
        IssuedTokens.Check check = context.tokens.check(ID, request.authorization("Bearer").orElse(null));
        if (!check.valid()) {
            return DotyposShapes.accessDenied();
        }
        if (pathCloudId == null) {
            return DotyposShapes.clouds(cloudId);
        }
        return pathCloudId.equals(check.grant().details().get("cloudId"))
                ? DotyposShapes.products(pathCloudId) : DotyposShapes.accessDenied();
    }

    private String signature(String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** The documented string, or the number one public client sends. */
    private static String cloudIdText(Object value) {
        if (value instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).toBigIntegerExact().toString();
            } catch (ArithmeticException | NumberFormatException e) {
                return number.toString();
            }
        }
        return value.toString();
    }

    private static Optional<URI> absoluteHttp(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
