package dev.apiauth.provider.domo;

import java.util.HashMap;
import java.util.Map;

/**
 * A dummy Domo client and Domo's documented answers, shaped so a TCK fixture can reuse them:
 * settings pointed at a base URL, the success body for a given token and lifetime, and both error
 * shapes.
 */
final class DomoFixtures {
    /** The client id of the documentation's example. */
    static final String CLIENT_ID = "441e307a-b2a1-4a99-8561-174e5b153fsa";
    static final String CLIENT_SECRET = "f103fc453d08bdh049edc9a1913e3f5266447a06d1d2751258c89771fbcc8087";
    /** A JWT shaped like Domo's: {@code {"role":"Admin","scope":["data","user"],"exp":1501783519,…}}. */
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJyb2xlIjoiQWRtaW4iLCJzY29wZSI6WyJkYXRhIiwidXNlciJdLCJleHAiOjE"
            + "1MDE3ODM1MTksImVudiI6InByb2QxIiwidXNlcklkIjo5NjQzODI1OTAsImp0aSI6IjgxZGVjZTRjLWRmNzMtNDU2OS04NTN"
            + "jLTJkMWEzMjg4OTdmZCIsImNsaWVudF9pZCI6IjQ0MWUzMDdhLWIyYTEtNGE5OS04NTYxLTE3NGU1YjE5M2VlYSIsImN1c3R"
            + "vbWVyIjoidHJhaW5pbmcifQ.O0H29RFMjruZjA7cXvIctNf8IyuKSyoLggRB5ps7r8LwJL7FM-BWu8oyEPnCopvED-2Sy6em"
            + "g__8PKQ6r4FPRnsyp4";
    /** A second token, for tests that see a token replaced. */
    static final String NEXT_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJyb2xlIjoiQWRtaW4iLCJqdGkiOiJuZXh0In0.c2lnbmF0dXJl";

    private DomoFixtures() {
    }

    /** The dummy client requesting {@code data user}, with the API (and so the token URL) at {@code baseUrl}. */
    static Map<String, String> settings(String baseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("scope", "data user");
        settings.put("api-base-url", baseUrl);
        return settings;
    }

    /** The documented success response. */
    static String success(String accessToken, Object expiresIn) {
        return """
                {
                "access_token": "%s",
                "customer": "acmecompany",
                "expires_in": %s,
                "jti": "81dece4c-df73-4569-853c-2d1a328897fd",
                "role": "Admin",
                "scope": "data user",
                "token_type": "bearer",
                "userId": 964382593
                }""".formatted(accessToken, expiresIn);
    }

    /** An OAuth-style error, as Domo's token endpoint sends for bad client credentials or scopes. */
    static String oauthError(String error, String description) {
        return """
                {"error": "%s", "error_description": "%s"}""".formatted(error, description);
    }

    /** Domo's API error shape. */
    static String apiError(int status, String reason, String path, String message) {
        return """
                {"status": %d, "statusReason": "%s", "path": "%s", "message": "%s", "toe": "5QGB2UK5D1-VZ8WT-AOUKI"}"""
                .formatted(status, reason, path, message);
    }
}
