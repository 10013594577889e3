package dev.apiauth.shapes;

import static dev.apiauth.shapes.Shapes.object;

import dev.apiauth.spi.http.Urls;
import dev.apiauth.testing.TestJwt;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dotypos' answers: the connector page's redirect to {@code redirect_uri?token&cloudid&state} [docs],
 * {@code {"accessToken": "<JWT>"}} from {@code /v2/signin/token} [docs], and API pages. The error bodies
 * are not documented: {@code {"error", "message"}} is a [guess].
 */
public final class DotyposShapes {
    /** The demo client application's id. */
    public static final String DEMO_CLIENT_ID = "demo-client-app";
    /** The demo client application's secret. */
    public static final String DEMO_CLIENT_SECRET = "demo-dotypos-client-secret";
    /** The refresh token the demo consent grants. */
    public static final String DEMO_REFRESH_TOKEN = "a91c4e7f2b8d4f6e9c3a1b5d7e0f2c4a";
    /** The cloud the demo user selects on the connector page. */
    public static final String DEMO_CLOUD_ID = "319713";
    /** "About one hour, not guaranteed" [docs]. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    /** How far a v2 consent's {@code timestamp} may be from the vendor's clock. */
    public static final Duration SIGNATURE_TOLERANCE = Duration.ofMinutes(5);

    private DotyposShapes() {
    }

    /** 302 to {@code redirectUri} with {@code token}, {@code cloudid} and (when one was sent) {@code state}. */
    public static VendorResponse consentGranted(URI redirectUri, String refreshToken, String cloudId, String state) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("token", refreshToken);
        parameters.put("cloudid", cloudId);
        if (state != null) {
            parameters.put("state", state);
        }
        return new VendorResponse(302, null, "", Map.of("Location", Urls.withQuery(redirectUri, parameters).toString()));
    }

    /** The connector page refuses the request (bad client, signature or parameters): an HTML page. */
    public static VendorResponse consentRefused(int status, String reason) {
        return new VendorResponse(status, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html><head><title>Dotypos"
                + "</title></head><body><h1>Unable to connect the application</h1><p>" + escapeHtml(reason)
                + "</p></body></html>\n");
    }

    /** The documented token success. */
    public static VendorResponse tokenIssued(String accessToken) {
        return Shapes.tokenJson(200, object("accessToken", accessToken));
    }

    /**
     * A Dotypos access token: a JWT with {@code exp}; {@code cloudId} is absent for a token without a
     * cloud, which may only list clouds.
     */
    public static String accessToken(String clientId, String cloudId, Instant issuedAt, Instant expiresAt, String jti,
            byte[] key) {
        Map<String, Object> claims = object("iss", "https://api.dotykacka.cz", "sub", clientId, "jti", jti,
                "iat", issuedAt.getEpochSecond(), "exp", expiresAt.getEpochSecond());
        if (cloudId != null) {
            claims.put("cloudId", cloudId);
        }
        return TestJwt.builder().claims(claims).signHs256(key);
    }

    /** 401 from the token endpoint: no {@code Authorization: User …}, or a refresh token never issued or revoked. */
    public static VendorResponse refreshTokenRejected() {
        return error(401, "Unauthorized", "Invalid or revoked refresh token");
    }

    /** 403 from the token endpoint: the refresh token grants no access to that cloud. */
    public static VendorResponse cloudForbidden() {
        return error(403, "Forbidden", "Access to the requested cloud is not granted");
    }

    /** 400 from the token endpoint: the body is not JSON (form bodies are rejected [docs]). */
    public static VendorResponse notJson() {
        return error(400, "BadRequest", "The request body must be JSON");
    }

    /** 503 from the token endpoint or the API while the service is down, in the undocumented error shape. */
    public static VendorResponse serviceUnavailable() {
        return error(503, "ServiceUnavailable", "The service is temporarily unavailable, try again later");
    }

    /** 403 from the API: the access token expired, is unknown, or is for another cloud. */
    public static VendorResponse accessDenied() {
        return error(403, "Forbidden", "Access token is expired, invalid or not valid for this cloud");
    }

    /** The undocumented error shape. */
    public static VendorResponse error(int status, String error, String message) {
        return VendorResponse.json(status, Shapes.write(object("error", error, "message", message)));
    }

    /** 200 from {@code GET /v2/clouds}: the clouds the token's user can see. */
    public static VendorResponse clouds(String cloudId) {
        return VendorResponse.json(200, Shapes.write(page(List.of(
                object("_id", Long.parseLong(cloudId), "name", "Simulated Bistro", "country", "CZ")))));
    }

    /** 200 from {@code GET /v2/clouds/{cloudId}/products}. */
    public static VendorResponse products(String cloudId) {
        long cloud = Long.parseLong(cloudId);
        return VendorResponse.json(200, Shapes.write(page(List.of(
                object("id", 1001L, "_cloudId", cloud, "name", "Simulated espresso", "priceWithVat", 59.0),
                object("id", 1002L, "_cloudId", cloud, "name", "Simulated croissant", "priceWithVat", 45.0)))));
    }

    private static Map<String, Object> page(List<Map<String, Object>> data) {
        return object("currentPage", 1, "perPage", 100, "totalItemsOnPage", data.size(),
                "totalItemsCount", data.size(), "firstPage", 1, "lastPage", 1, "nextPage", null, "prevPage", null,
                "data", data);
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
