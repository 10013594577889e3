package dev.apiauth.provider.doo;

import dev.apiauth.testing.TestJwt;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A dummy doo account and doo's documented answers. */
final class DooFixtures {
    static final String CLIENT_ID = "ticket-shop";
    static final String CLIENT_SECRET = "s3cr3t-doo-client";
    static final String API_KEY = "ak-7f3e9c21d0";

    private DooFixtures() {
    }

    /** Settings of the dummy account with its token URL at {@code baseUrl + "/v1/oauth"}. */
    static Map<String, String> settings(String baseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("api-key", API_KEY);
        settings.put("token-url", baseUrl + "/v1/oauth");
        return settings;
    }

    /** doo's documented success envelope. */
    static String success(String accessToken) {
        return """
                {"response_status": 200, "developer_message": "Success", "user_message": "Success",
                 "data": {"access_token": "%s", "refresh_token": null},
                 "_links": {"self": {"href": "https://rest.doo.net/v1/oauth"}}}""".formatted(accessToken);
    }

    /** A JWT as doo issues them (RS256, subject 4711), with the given expiry; the provider only reads {@code exp}. */
    static String jwt(Instant exp) {
        return TestJwt.builder().algorithm("RS256").subject("4711").expiresAt(exp).build();
    }
}
