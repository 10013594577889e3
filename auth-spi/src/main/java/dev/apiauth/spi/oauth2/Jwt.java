package dev.apiauth.spi.oauth2;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads claims of a JWT without verifying its signature: only to learn when a token the vendor
 * just issued expires. Never use it to trust a token.
 */
@Api(status = Api.Status.STABLE)
public final class Jwt {
    private Jwt() {
    }

    /**
     * The payload claims of a JWT.
     *
     * @param token the token as the vendor issued it
     * @param json the JSON reader, {@link dev.apiauth.spi.ProviderContext#json()}
     * @return the claims, or empty when the token is not a JWT with a JSON object payload
     */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> claims(String token, Json json) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(strip(parts[1])), StandardCharsets.UTF_8);
            Object parsed = json.parse(payload);
            return parsed instanceof Map ? Optional.of((Map<String, Object>) parsed) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code exp} claim (seconds since the epoch), or empty when absent, out of range or not a
     * JWT. Providers should prefer {@link TokenResponses#jwtExpiry}, which also refuses dead expiries
     * and keeps far-future ones for the engine to cap.
     *
     * @param token the token as the vendor issued it
     * @param json the JSON reader, {@link dev.apiauth.spi.ProviderContext#json()}
     * @return the expiry, if the token carries a usable one
     */
    public static Optional<Instant> expiry(String token, Json json) {
        return claims(token, json).map(claims -> claims.get("exp"))
                .filter(Number.class::isInstance)
                .map(exp -> new java.math.BigDecimal(exp.toString()))
                // beyond what an Instant holds: not an expiry anyone can use
                .filter(exp -> exp.abs().compareTo(java.math.BigDecimal.valueOf(Instant.MAX.getEpochSecond())) <= 0)
                .map(exp -> Instant.ofEpochSecond(exp.longValue()));
    }

    private static String strip(String base64url) {
        int end = base64url.length();
        while (end > 0 && base64url.charAt(end - 1) == '=') {
            end--;
        }
        return base64url.substring(0, end);
    }
}
