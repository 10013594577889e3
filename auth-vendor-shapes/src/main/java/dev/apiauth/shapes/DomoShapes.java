package dev.apiauth.shapes;

import static dev.apiauth.shapes.Shapes.object;

import dev.apiauth.testing.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Domo's answers. The token success body is documented; the token endpoint's errors are Spring
 * Security OAuth2's (Domo's stack) [code]; the API answers a bad token with 401
 * {@code {"error": "invalid_token", …}} and other errors as {@code {"status", "statusReason", "path",
 * "message", "toe"}} [code].
 */
public final class DomoShapes {
    /** The demo client's id (a UUID, as Domo issues them). */
    public static final String DEMO_CLIENT_ID = "5f0c2a6e-9b1d-4c3e-8f7a-2d6b9e1c4a70";
    /** The demo client's secret (hex, as Domo issues them). */
    public static final String DEMO_CLIENT_SECRET = "9d1e7c3b5a0f42e6b8c4d2a1f0e9b7c65a3d1e8f0b2c4a6d8e0f1a3b5c7d9e1f";
    /** The scopes the demo client was created with; a request without scope gets these. */
    public static final List<String> DEMO_SCOPES = List.of("data", "user");
    /** The Domo instance of the demo client, as the documentation's example. */
    public static final String DEMO_CUSTOMER = "acmecompany";
    /** The role of the demo client's user. */
    public static final String DEMO_ROLE = "Admin";
    /** The id of the demo client's user. */
    public static final long DEMO_USER_ID = 964382593L;
    /** The lifetime the documented response states ({@code "expires_in": 3599}). */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(3599);

    private DomoShapes() {
    }

    /** The documented success body. */
    public static VendorResponse tokenIssued(String accessToken, String customer, long expiresInSeconds, String jti,
            String role, String scope, long userId) {
        return Shapes.tokenJson(200, object(
                "access_token", accessToken,
                "customer", customer,
                "expires_in", expiresInSeconds,
                "jti", jti,
                "role", role,
                "scope", scope,
                "token_type", "bearer",
                "userId", userId));
    }

    /** A Domo access token: a JWT with the claims of the documentation's example token. */
    public static String accessToken(String clientId, String customer, String role, long userId, List<String> scopes,
            Instant expiresAt, String jti, byte[] key) {
        return TestJwt.builder().claims(object("role", role, "scope", scopes, "exp", expiresAt.getEpochSecond(), "env", "prod1",
                "userId", userId, "jti", jti, "client_id", clientId, "customer", customer)).signHs256(key);
    }

    /** 401: the client id or secret is wrong, or there is no HTTP Basic client authentication. */
    public static VendorResponse badCredentials() {
        return oauthError(401, "unauthorized", "Bad credentials")
                .withHeader("WWW-Authenticate", "Basic realm=\"oauth\"");
    }

    /** 400: a grant type other than {@code client_credentials}. */
    public static VendorResponse unsupportedGrantType(String grantType) {
        return oauthError(400, "unsupported_grant_type", "Unsupported grant type: " + grantType);
    }

    /** 400: a scope the client was not created with. */
    public static VendorResponse invalidScope(String scope) {
        return oauthError(400, "invalid_scope", "Invalid scope: " + scope);
    }

    /** 400: a required parameter is missing. */
    public static VendorResponse invalidRequest(String description) {
        return oauthError(400, "invalid_request", description);
    }

    /** An OAuth-style error. */
    public static VendorResponse oauthError(int status, String error, String description) {
        return Shapes.tokenJson(status, object("error", error, "error_description", description));
    }

    /** 401 from the API: the token expired or was never issued. */
    public static VendorResponse invalidToken(String description) {
        return VendorResponse.json(401, Shapes.write(object("error", "invalid_token", "error_description", description)))
                .withHeader("WWW-Authenticate", "Bearer realm=\"oauth\", error=\"invalid_token\", error_description=\""
                        + description + "\"");
    }

    /** Domo's API error shape, with a trace id ({@code toe}) as Domo support asks for it. */
    public static VendorResponse apiError(int status, String statusReason, String path, String message, String toe) {
        return VendorResponse.json(status, Shapes.write(object("status", status, "statusReason", statusReason,
                "path", path, "message", message, "toe", toe)));
    }

    /** 200 from the API's user list. */
    public static VendorResponse users() {
        return VendorResponse.json(200, Shapes.write(List.of(
                object("id", 964382593L, "name", "Simulated Admin", "email", "admin@acmecompany.example",
                        "role", "Admin"),
                object("id", 871230045L, "name", "Simulated Analyst", "email", "analyst@acmecompany.example",
                        "role", "Participant"))));
    }
}
