package dev.apiauth.shapes;

import static dev.apiauth.shapes.Shapes.object;

import java.time.Duration;
import java.util.List;

/**
 * Docplanner's answers. The token endpoint speaks RFC 6749 (FOSOAuthServerBundle: the success body is
 * documented, the error texts are the bundle's [guess]); the API answers errors as
 * {@code application/vnd.error+docplanner+json} {@code {"message", "errors"}} [docs].
 */
public final class DocplannerShapes {
    /** The demo account's client id. */
    public static final String DEMO_CLIENT_ID = "10495_demo4k2";
    /** The demo account's client secret. */
    public static final String DEMO_CLIENT_SECRET = "demo-docplanner-secret";
    /** The country domain the demo account lives on. */
    public static final String DEMO_DOMAIN = "doctoralia.es";
    /** The scope regular integrations request. */
    public static final String SCOPE = "integration";
    /** The lifetime the documented response states ({@code "expires_in": 3600}). */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(3600);
    /** The media type of the API's errors. */
    public static final String API_ERROR_TYPE = "application/vnd.error+docplanner+json";

    private DocplannerShapes() {
    }

    /** The documented success: a 40-hex opaque token, {@code expires_in}, lower-case {@code bearer}, null scope. */
    public static VendorResponse tokenIssued(String accessToken, long expiresInSeconds) {
        return Shapes.tokenJson(200, object("access_token", accessToken, "expires_in", expiresInSeconds,
                "token_type", "bearer", "scope", null));
    }

    /** 400 {@code invalid_client}: unknown client or wrong secret. */
    public static VendorResponse invalidClient() {
        return oauthError(400, "invalid_client", "The client credentials are invalid");
    }

    /** 400 {@code invalid_request}, e.g. no client authentication or two at once. */
    public static VendorResponse invalidRequest(String description) {
        return oauthError(400, "invalid_request", description);
    }

    /** 400 {@code unsupported_grant_type}: anything but {@code client_credentials}. */
    public static VendorResponse unsupportedGrantType() {
        return oauthError(400, "unsupported_grant_type", "Invalid grant_type parameter or parameter missing");
    }

    /** 400 {@code invalid_scope}: a scope other than the client's. */
    public static VendorResponse invalidScope() {
        return oauthError(400, "invalid_scope", "An unsupported scope was requested.");
    }

    /** An RFC 6749 §5.2 error. */
    public static VendorResponse oauthError(int status, String error, String description) {
        return Shapes.tokenJson(status, object("error", error, "error_description", description));
    }

    /** 401 from the API: the token has expired. */
    public static VendorResponse tokenExpired() {
        return apiError(401, "The access token provided has expired.")
                .withHeader("WWW-Authenticate", "Bearer realm=\"Service\", error=\"invalid_grant\"");
    }

    /** 401 from the API: the token is missing or was never issued. */
    public static VendorResponse tokenInvalid() {
        return apiError(401, "The access token provided is invalid.")
                .withHeader("WWW-Authenticate", "Bearer realm=\"Service\", error=\"invalid_grant\"");
    }

    /** An API error, {@code errors} empty. */
    public static VendorResponse apiError(int status, String message) {
        return new VendorResponse(status, API_ERROR_TYPE, Shapes.write(object("message", message, "errors", List.of())));
    }

    /** 200 from the API's facility list. */
    public static VendorResponse facilities() {
        return VendorResponse.json(200, Shapes.write(object("_items", List.of(
                object("id", "201843", "name", "Clínica Simulada Madrid"),
                object("id", "201844", "name", "Centro Médico Simulado Barcelona")))));
    }
}
