package dev.apiauth.provider.docplanner;

import java.util.HashMap;
import java.util.Map;

/** A dummy Docplanner account and Docplanner's documented answers. */
final class DocplannerFixtures {
    static final String CLIENT_ID = "10495_3tq6k2";
    static final String CLIENT_SECRET = "dp-s3cr3t-4f8a";
    /** The documentation's example token: 40 hex digits, opaque. */
    static final String TOKEN = "03807cb390319329bdf6c777d4dfae9c0d3b3c35";

    private DocplannerFixtures() {
    }

    /** Settings of the dummy account on doctoralia.es with its token URL at {@code baseUrl + "/oauth/v2/token"}. */
    static Map<String, String> settings(String baseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret", CLIENT_SECRET);
        settings.put("domain", "doctoralia.es");
        settings.put("token-url", baseUrl + "/oauth/v2/token");
        return settings;
    }

    /** The documented success response. */
    static String success(String accessToken, Object expiresIn) {
        return """
                {"access_token": "%s", "expires_in": %s, "token_type": "bearer", "scope": null}"""
                .formatted(accessToken, expiresIn);
    }
}
