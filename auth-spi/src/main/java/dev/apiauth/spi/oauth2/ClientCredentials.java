package dev.apiauth.spi.oauth2;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import static dev.apiauth.spi.FormEncoding.formEncode;

/**
 * An OAuth2 client id and secret. Prints the id only.
 *
 * @param clientId the client id, which is not a secret
 * @param clientSecret the client secret
 */
@Api(status = Api.Status.STABLE)
public record ClientCredentials(String clientId, Secret clientSecret) {
    /**
     * Checks that neither part is {@code null}.
     *
     * @param clientId the client id
     * @param clientSecret the client secret
     */
    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /**
     * The {@code Authorization} header value for HTTP Basic client authentication.
     *
     * @param formEncodeFirst per RFC 6749 §2.3.1 id and secret are form-urlencoded before Base64;
     *     some vendors expect them raw, so a provider may opt out
     * @return {@code Basic } and the Base64 of {@code id:secret}
     */
    public String basicAuthorization(boolean formEncodeFirst) {
        return basic(formEncodeFirst ? formEncode(clientId) : clientId,
                formEncodeFirst ? formEncode(clientSecret.reveal()) : clientSecret.reveal());
    }

    /**
     * {@code Basic base64(user:password)} as RFC 7617 defines it, no extra encoding.
     *
     * @param user the user name (must not contain {@code :})
     * @param password the password
     * @return the {@code Authorization} header value
     */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=REDACTED]";
    }
}
