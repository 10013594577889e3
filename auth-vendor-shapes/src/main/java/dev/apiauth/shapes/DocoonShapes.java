package dev.apiauth.shapes;

import static dev.apiauth.shapes.Shapes.object;

import java.time.Duration;
import java.util.List;

/**
 * Docoon's answers. The token endpoint is IdentityServer-style (RFC 6749 errors such as
 * {@code {"error": "invalid_client"}}) [guess]; the REST API is ASP.NET Web API, whose denial
 * {@code {"Message": "Authorization has been denied for this request."}} is documented; the GraphQL
 * API's answers are [guess]es in the GraphQL over HTTP shape.
 */
public final class DocoonShapes {
    /** The demo user's login (without the {@code msg\} domain). */
    public static final String DEMO_LOGIN = "55DEMO.restAPITest";
    /** The demo user's password. */
    public static final String DEMO_PASSWORD = "demo-docoon-password";
    /** The demo OAuth client id of the password grant. */
    public static final String DEMO_CLIENT_ID = "odyssey.demo.client";
    /** The demo OAuth client secret. */
    public static final String DEMO_CLIENT_SECRET = "demo-docoon-client-secret";
    /** The demo GraphQL API key. */
    public static final String DEMO_API_KEY = "6c1f0e2a-4b7d-4e9a-9c3b-8d5f2a1e7b40";
    /** The domain the password grant wants in front of the login. */
    public static final String LOGIN_DOMAIN = "msg\\";
    /** The scope of the password grant. */
    public static final String SCOPE = "OMS";
    /** IdentityServer's default access-token lifetime. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(3600);
    /** The documented message of the API's 401. */
    public static final String DENIED_MESSAGE = "Authorization has been denied for this request.";

    private DocoonShapes() {
    }

    /** The password grant's success: an opaque token, {@code expires_in}, {@code Bearer}, the scope. */
    public static VendorResponse tokenIssued(String accessToken, long expiresInSeconds) {
        return Shapes.tokenJson(200, object("access_token", accessToken, "expires_in", expiresInSeconds,
                "token_type", "Bearer", "scope", SCOPE));
    }

    /** 400 {@code invalid_client}: no client authentication, unknown client or wrong secret. */
    public static VendorResponse invalidClient() {
        return Shapes.tokenJson(400, object("error", "invalid_client"));
    }

    /** 400 {@code invalid_grant}: wrong login (or no {@code msg\} domain) or password. */
    public static VendorResponse invalidGrant() {
        return Shapes.tokenJson(400, object("error", "invalid_grant", "error_description",
                "invalid_username_or_password"));
    }

    /** 400 {@code unsupported_grant_type}. */
    public static VendorResponse unsupportedGrantType() {
        return Shapes.tokenJson(400, object("error", "unsupported_grant_type"));
    }

    /** 400 {@code invalid_scope}. */
    public static VendorResponse invalidScope() {
        return Shapes.tokenJson(400, object("error", "invalid_scope"));
    }

    /** 400 {@code invalid_request}, e.g. not a form body. */
    public static VendorResponse invalidRequest() {
        return Shapes.tokenJson(400, object("error", "invalid_request"));
    }

    /**
     * 503 while a service is down: the page Windows' HTTP.sys serves in front of IIS-hosted services
     * such as IdentityServer and ASP.NET Web API, HTML rather than JSON [guess].
     */
    public static VendorResponse serviceUnavailable() {
        return new VendorResponse(503, "text/html; charset=us-ascii",
                "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"\"http://www.w3.org/TR/html4/strict.dtd\">\r\n"
                + "<HTML><HEAD><TITLE>Service Unavailable</TITLE>\r\n"
                + "<META HTTP-EQUIV=\"Content-Type\" Content=\"text/html; charset=us-ascii\"></HEAD>\r\n"
                + "<BODY><h2>Service Unavailable</h2>\r\n<hr><p>HTTP Error 503. The service is unavailable.</p>\r\n"
                + "</BODY></HTML>\r\n");
    }

    /** 401 from the REST API: bad Basic credentials, or an expired or unknown token [docs]. */
    public static VendorResponse denied() {
        return VendorResponse.json(401, Shapes.write(object("Message", DENIED_MESSAGE)))
                .withHeader("WWW-Authenticate", "Bearer");
    }

    /** 405 from the REST API, in ASP.NET Web API's shape. */
    public static VendorResponse methodNotAllowed(String method) {
        return VendorResponse.json(405, Shapes.write(object("Message", "The requested resource does not support http"
                + " method '" + method + "'."))).withHeader("Allow", "GET");
    }

    /** 200 from the REST API's job types ({@code GET /api/v1/JobTypes}, the documentation's example). */
    public static VendorResponse jobTypes() {
        return VendorResponse.json(200, Shapes.write(List.of(
                object("Id", 1, "Code", "INVOICE", "Label", "Simulated invoice"),
                object("Id", 2, "Code", "CREDIT_NOTE", "Label", "Simulated credit note"))));
    }

    /** 401 from the GraphQL API: the {@code ApiKey} header is missing or wrong. */
    public static VendorResponse graphqlDenied() {
        return VendorResponse.json(401, Shapes.write(object("errors", List.of(object(
                "message", "The current user is not authorized to access this resource.",
                "extensions", object("code", "AUTH_NOT_AUTHENTICATED"))))));
    }

    /** 200 from the GraphQL API. */
    public static VendorResponse graphqlJobTypes() {
        return VendorResponse.json(200, Shapes.write(object("data", object("jobTypes", List.of(
                object("id", 1, "label", "Simulated invoice"),
                object("id", 2, "label", "Simulated credit note"))))));
    }
}
