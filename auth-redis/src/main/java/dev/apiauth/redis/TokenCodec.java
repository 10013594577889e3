package dev.apiauth.redis;

import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AccessToken;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link AccessToken} as JSON: value, type, issuedAt, expiresAt, scopes and attributes.
 * Attributes round-trip as JSON values (text, numbers, booleans, lists, objects).
 */
final class TokenCodec {
    private TokenCodec() {
    }

    static String write(AccessToken token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", token.value());
        json.put("type", token.type());
        json.put("issuedAt", token.issuedAt().toString());
        token.expiresAt().ifPresent(expiry -> json.put("expiresAt", expiry.toString()));
        json.put("scopes", new ArrayList<>(token.scopes()));
        json.put("attributes", token.attributes());
        return JacksonJson.INSTANCE.write(json);
    }

    /** @throws IllegalArgumentException not a token this codec wrote; the message quotes no value */
    static AccessToken read(String text) {
        if (!(JacksonJson.INSTANCE.parse(text) instanceof Map<?, ?> json)) {
            throw new IllegalArgumentException("a stored token is not a JSON object");
        }
        try {
            AccessToken.Builder token = AccessToken.builder(text(json, "value"), Instant.parse(text(json, "issuedAt")))
                    .type(text(json, "type"));
            if (json.get("expiresAt") instanceof String expiry) {
                token.expiresAt(Instant.parse(expiry));
            }
            if (json.get("scopes") instanceof List<?> scopes) {
                List<String> granted = new ArrayList<>();
                scopes.forEach(scope -> granted.add(String.valueOf(scope)));
                token.scopes(granted);
            }
            if (json.get("attributes") instanceof Map<?, ?> attributes) {
                attributes.forEach((name, value) -> token.attribute(String.valueOf(name), value));
            }
            return token.build();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a stored token has a malformed instant");
        }
    }

    private static String text(Map<?, ?> json, String field) {
        if (!(json.get(field) instanceof String value)) {
            throw new IllegalArgumentException("a stored token has no '" + field + "'");
        }
        return value;
    }
}
