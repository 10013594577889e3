package dev.apiauth.provider.dotypos;

import static dev.apiauth.provider.dotypos.DotyposProvider.ID;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;
import java.util.Map;

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
        TokenResponses responses = TokenResponses.of(context);
        if (!response.isSuccess()) {
            throw rejection(responses, response, refreshToken);
        }
        Map<String, Object> body = responses.successObject(response);
        String value = responses.requireText(response, body, "accessToken");
        AccessToken.Builder token = AccessToken.builder(value, context.clock().instant())
                .attribute(DotyposProvider.CLOUD_ID_ATTRIBUTE, cloudId);
        // The documentation promises "about one hour, not guaranteed": the JWT's own exp is the truth.
        // A token that is not a JWT keeps an unknown lifetime and is replaced when the API rejects it.
        responses.jwtExpiry(response, value, context.json()).ifPresent(token::expiresAt);
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

    private RuntimeException rejection(TokenResponses responses, EndpointResponse response, Secret refreshToken) {
        Map<String, Object> error = response.jsonObject().orElse(Map.of());
        String code = Json.text(error, "error").orElse(null);
        String message = Json.text(error, "message").or(() -> Json.text(error, "error_description")).orElse(null);
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
        return responses.failure(response, code, description);
    }

    @Override
    public String toString() {
        return "DotyposTokenSource[" + tokenUri + ", cloudId=" + cloudId + ", refreshToken="
                + (configuredRefreshToken == null ? "from secret store" : "REDACTED") + "]";
    }
}
