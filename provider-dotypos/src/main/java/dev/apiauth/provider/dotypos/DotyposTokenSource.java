package dev.apiauth.provider.dotypos;

import static dev.apiauth.provider.dotypos.DotyposProvider.ID;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One round trip to {@code POST /v2/signin/token}: refresh token in, JWT access token out. */
final class DotyposTokenSource implements dev.apiauth.spi.TokenSource {
    private final ProviderContext context;
    private final URI tokenUri;
    private final Secret configuredRefreshToken;
    private final String cloudId;
    private final boolean cloudIdAsNumber;

    DotyposTokenSource(ProviderSettings settings, ProviderContext context) {
        this.context = context;
        this.tokenUri = settings.uri(DotyposProvider.TOKEN_URL);
        this.configuredRefreshToken = settings.findSecret(DotyposProvider.REFRESH_TOKEN).orElse(null);
        this.cloudId = settings.find(DotyposProvider.CLOUD_ID).orElse(null);
        this.cloudIdAsNumber = settings.flag(DotyposProvider.CLOUD_ID_AS_NUMBER);
    }

    @Override
    public AccessToken fetch() {
        Secret refreshToken = refreshToken();
        EndpointResponse response = context.tokenEndpoint().send(EndpointRequest.post(tokenUri)
                .header("Authorization", "User " + refreshToken.reveal())
                .header("Accept", "application/json")
                // The vendor rejects form bodies; without a cloud id it still wants a JSON object.
                .json(cloudId == null ? Map.of()
                        : Map.of("_cloudId", cloudIdAsNumber ? (Object) Long.parseLong(cloudId) : cloudId))
                .build());
        if (!response.isSuccess()) {
            throw rejection(response, refreshToken);
        }
        Map<String, Object> body = TokenResponses.successObject(ID, response, context.clock());
        String value = TokenResponses.requireText(ID, response.status(), body, "accessToken");
        Instant now = context.clock().instant();
        AccessToken.Builder token = AccessToken.builder(value, now)
                .attribute(DotyposProvider.CLOUD_ID_ATTRIBUTE, cloudId);
        // The documentation promises "about one hour, not guaranteed": the JWT's own exp is the truth.
        // A token that is not a JWT keeps an unknown lifetime and is replaced when the API rejects it.
        TokenResponses.jwtExpiry(ID, response.status(), value, context.json(), now).ifPresent(token::expiresAt);
        return token.build();
    }

    private Secret refreshToken() {
        if (configuredRefreshToken != null) {
            return configuredRefreshToken;
        }
        // Read on every fetch, so a consent completed while the application runs is picked up.
        return context.secretStore().load(DotyposProvider.REFRESH_TOKEN_KEY)
                .map(stored -> stored.reveal().strip())
                .filter(stored -> !stored.isEmpty())
                .map(Secret::of)
                .orElseThrow(() -> new InteractionRequiredException(ID, "no refresh token: setting '"
                        + DotyposProvider.REFRESH_TOKEN + "' is not set and the secret store has none under '"
                        + DotyposConsent.STORE_KEY + "'. Connect the Dotypos cloud once in a browser: run"
                        + " `authctl connect dotypos`, or use DotyposConsent in code and save its result; then retry"));
    }

    private RuntimeException rejection(EndpointResponse response, Secret refreshToken) {
        Map<String, Object> error = response.jsonObject().orElse(Map.of());
        String code = text(error.get("error"));
        String message = text(error.get("message"));
        if (message == null) {
            message = text(error.get("error_description"));
        }
        if (message != null) {
            // A vendor that quotes the request back must not make us print the refresh token.
            message = message.replace(refreshToken.reveal(), "REDACTED");
        }
        String hint = switch (response.status()) {
            case 401 -> "the refresh token is revoked or invalid; connect again with `authctl connect dotypos`"
                    + " (or DotyposConsent) to get a new one";
            case 403 -> "the refresh token does not grant access"
                    + (cloudId == null ? "" : " to cloud " + cloudId) + "; check setting '"
                    + DotyposProvider.CLOUD_ID + "' or connect again with `authctl connect dotypos`";
            default -> null;
        };
        String description = message == null ? hint : hint == null ? message : message + "; " + hint;
        return TokenResponses.failure(ID, response, context.clock(), code, description);
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text.strip() : null;
    }

    @Override
    public String toString() {
        return "DotyposTokenSource[" + tokenUri + ", cloudId=" + cloudId + ", refreshToken="
                + (configuredRefreshToken == null ? "from secret store" : "REDACTED") + "]";
    }
}
