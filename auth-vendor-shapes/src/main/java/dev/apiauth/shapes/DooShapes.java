package dev.apiauth.shapes;

import static dev.apiauth.shapes.Shapes.object;

import dev.apiauth.testing.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * doo's answers. Every answer, success or error, is doo's envelope
 * {@code {"response_status", "developer_message", "user_message", "data", "_links"}}; the token sits at
 * {@code data.access_token} with {@code refresh_token: null} and no lifetime [docs]. Error texts and
 * statuses other than the documented success are [guess]es in the envelope doo's clients parse [code].
 */
public final class DooShapes {
    /** The demo account's OAuth client id. */
    public static final String DEMO_CLIENT_ID = "demo-ticket-shop";
    /** The demo account's OAuth client secret. */
    public static final String DEMO_CLIENT_SECRET = "demo-doo-client-secret";
    /** The demo account's API key ({@code x-api-key}). */
    public static final String DEMO_API_KEY = "demo-doo-api-key";
    /**
     * doo documents no lifetime [docs]; its tokens are JWTs whose {@code exp} the provider reads. One
     * hour is the simulator's choice.
     */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private DooShapes() {
    }

    /** The documented success: 200, the token in {@code data}, {@code _links.self} the token URL. */
    public static VendorResponse tokenIssued(String accessToken, String tokenUrl) {
        return Shapes.tokenJson(200, object(
                "response_status", 200,
                "developer_message", "Success",
                "user_message", "Success",
                "data", object("access_token", accessToken, "refresh_token", null),
                "_links", object("self", object("href", tokenUrl))));
    }

    /**
     * A doo access token: a JWT with the client as subject and {@code exp} (doo sends no
     * {@code expires_in}, so {@code exp} is the only lifetime a client can learn).
     */
    public static String accessToken(String clientId, Instant issuedAt, Instant expiresAt, String jti, byte[] key) {
        return TestJwt.builder().claims(object("iss", "https://rest.doo.net/v1/oauth", "sub", clientId, "jti", jti,
                "iat", issuedAt.getEpochSecond(), "exp", expiresAt.getEpochSecond())).signHs256(key);
    }

    /** 401: the client id or secret is wrong. */
    public static VendorResponse invalidClient() {
        return error(401, "Invalid client credentials: client_id or client_secret is wrong",
                "Authentication failed. Please check your client credentials.");
    }

    /** 403: the {@code x-api-key} header is missing or not a key doo issued. */
    public static VendorResponse invalidApiKey() {
        return error(403, "Missing or invalid API key in header x-api-key",
                "Access denied. Please contact the doo Support Team for a valid API key.");
    }

    /** 400: the request is not the documented JSON {@code client_credentials} request. */
    public static VendorResponse badRequest(String developerMessage) {
        return error(400, developerMessage, "The request could not be processed.");
    }

    /** 405: the endpoint does not take this method. */
    public static VendorResponse methodNotAllowed(String allowed) {
        return error(405, "Method not allowed; use " + allowed, "The request could not be processed.")
                .withHeader("Allow", allowed);
    }

    /** 401 from the API: the bearer token is missing, unknown or expired. */
    public static VendorResponse tokenRejected() {
        return error(401, "The access token is missing, invalid or expired; request a new one at /oauth",
                "Your session has expired. Please authenticate again.");
    }

    /** 200 from the API's event list. */
    public static VendorResponse events() {
        return VendorResponse.json(200, Shapes.write(object(
                "response_status", 200,
                "developer_message", "Success",
                "user_message", "Success",
                "data", List.of(
                        object("id", 1045, "title", "Simulated Summer Festival", "start", "2026-07-10T18:00:00+02:00"),
                        object("id", 1046, "title", "Simulated Developer Meetup", "start", "2026-09-03T19:00:00+02:00")),
                "_links", object("self", object("href", "https://rest.doo.net/v1/events")))));
    }

    /** An error envelope: no {@code data}, both messages. */
    public static VendorResponse error(int status, String developerMessage, String userMessage) {
        Map<String, Object> envelope = object("response_status", status, "developer_message", developerMessage,
                "user_message", userMessage);
        return VendorResponse.json(status, Shapes.write(envelope));
    }
}
