package dev.apiauth.provider.docoon;

import java.util.HashMap;
import java.util.Map;

/**
 * Dummy Docoon accounts, one per mode, and Docoon's answers, shaped so a TCK fixture can reuse them:
 * settings (pointed at a base URL where there is an endpoint), the success body for a given token
 * and lifetime, and the error shapes.
 */
final class DocoonFixtures {
    /** The documentation's example user and password. */
    static final String LOGIN = "55XXX.restAPITest";
    static final String PASSWORD = "1234567";
    /** The header the documentation derives from {@link #LOGIN} and {@link #PASSWORD}. */
    static final String DOCUMENTED_BASIC_HEADER = "Basic NTVYWFgucmVzdEFQSVRlc3Q6MTIzNDU2Nw==";
    static final String CLIENT_ID = "odyssey.oms.client";
    static final String CLIENT_SECRET = "0d7ss3y-cl13nt-s3cr3t";
    static final String API_KEY = "b3f1e0c4-9a7d-4f2e-8c6b-1d5a2e9f7c30";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEiLCJ0eXAiOiJKV1QifQ"
            + ".eyJzY29wZSI6WyJPTVMiXSwic3ViIjoibXNnXFw1NVhYWC5yZXN0QVBJVGVzdCIsImp0aSI6IjEifQ.c2lnbmF0dXJlLTE";
    static final String NEXT_TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEiLCJ0eXAiOiJKV1QifQ"
            + ".eyJzY29wZSI6WyJPTVMiXSwic3ViIjoibXNnXFw1NVhYWC5yZXN0QVBJVGVzdCIsImp0aSI6IjIifQ.c2lnbmF0dXJlLTI";
    /** What Docoon's API answers to an expired or unknown token. */
    static final String DENIED = """
            {"Message": "Authorization has been denied for this request."}""";

    private DocoonFixtures() {
    }

    /** Mode basic for the documentation's example user; the REST API at {@code apiBaseUrl}. */
    static Map<String, String> basic(String apiBaseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("mode", "basic");
        settings.put("login", LOGIN);
        settings.put("password", PASSWORD);
        settings.put("api-base-url", apiBaseUrl);
        return settings;
    }

    /** Mode password; token endpoint at {@code baseUrl + "/connect/token"}, API at {@code baseUrl + "/api/v1"}. */
    static Map<String, String> password(String baseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("mode", "password");
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("login", LOGIN);
        settings.put("password", PASSWORD);
        settings.put("token-url", baseUrl + "/connect/token");
        settings.put("api-base-url", baseUrl + "/api/v1");
        return settings;
    }

    /** Mode apikey. */
    static Map<String, String> apiKey() {
        Map<String, String> settings = new HashMap<>();
        settings.put("mode", "apikey");
        settings.put("api-key", API_KEY);
        return settings;
    }

    /** An IdentityServer-style token response. */
    static String success(String accessToken, Object expiresIn) {
        return """
                {"access_token": "%s", "expires_in": %s, "token_type": "Bearer", "scope": "OMS"}"""
                .formatted(accessToken, expiresIn);
    }

    /** An RFC 6749 §5.2 error as IdentityServer sends it. */
    static String oauthError(String error, String description) {
        return description == null
                ? "{\"error\": \"%s\"}".formatted(error)
                : "{\"error\": \"%s\", \"error_description\": \"%s\"}".formatted(error, description);
    }
}
