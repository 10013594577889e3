package dev.apiauth.spi.oauth2;

import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.http.Urls;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an RFC 6749 token request: a grant type, its parameters, client authentication, and
 * where the parameters go (a form body by default; the query of a GET for vendors such as Domo).
 *
 * <pre>{@code
 * EndpointRequest request = GrantRequest.clientCredentials(tokenUri, credentials)
 *         .parameter("scope", "integration")
 *         .build();
 * }</pre>
 */
public final class GrantRequest {
    private final URI tokenUri;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private ClientCredentials client;
    private ClientAuthentication authentication = ClientAuthentication.BASIC;
    private boolean formEncodeBasicCredentials = true;
    private EndpointRequest.Method method = EndpointRequest.Method.POST;

    private GrantRequest(URI tokenUri, String grantType) {
        this.tokenUri = Objects.requireNonNull(tokenUri, "tokenUri");
        parameters.put("grant_type", Objects.requireNonNull(grantType, "grantType"));
    }

    /** Any grant type. */
    public static GrantRequest grant(URI tokenUri, String grantType) {
        return new GrantRequest(tokenUri, grantType);
    }

    /** {@code grant_type=client_credentials} (RFC 6749 §4.4), client authenticated by Basic. */
    public static GrantRequest clientCredentials(URI tokenUri, ClientCredentials client) {
        return grant(tokenUri, "client_credentials").client(client);
    }

    /** {@code grant_type=password} (RFC 6749 §4.3). */
    public static GrantRequest password(URI tokenUri, ClientCredentials client, String username, Secret password) {
        return grant(tokenUri, "password").client(client)
                .parameter("username", username)
                .parameter("password", password.reveal());
    }

    /** {@code grant_type=refresh_token} (RFC 6749 §6). */
    public static GrantRequest refreshToken(URI tokenUri, ClientCredentials client, Secret refreshToken) {
        return grant(tokenUri, "refresh_token").client(client).parameter("refresh_token", refreshToken.reveal());
    }

    /** The client and how it authenticates; {@link ClientAuthentication#BASIC} unless changed. */
    public GrantRequest client(ClientCredentials credentials) {
        this.client = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    public GrantRequest authentication(ClientAuthentication how) {
        this.authentication = Objects.requireNonNull(how, "how");
        return this;
    }

    /**
     * Opts out of form-urlencoding id and secret before Base64 (RFC 6749 §2.3.1), for vendors that
     * decode Basic credentials without it.
     */
    public GrantRequest formEncodeBasicCredentials(boolean encode) {
        this.formEncodeBasicCredentials = encode;
        return this;
    }

    public GrantRequest parameter(String name, String value) {
        parameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
        return this;
    }

    public GrantRequest header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
        return this;
    }

    /** Sends the parameters in the query of a GET instead of a form body (documented by Domo). */
    public GrantRequest asQueryOfGet() {
        this.method = EndpointRequest.Method.GET;
        return this;
    }

    public EndpointRequest build() {
        Map<String, String> sent = new LinkedHashMap<>(parameters);
        EndpointRequest.Builder request = method == EndpointRequest.Method.GET
                ? EndpointRequest.get(tokenUri) : EndpointRequest.post(tokenUri);
        if (client != null) {
            if (authentication == ClientAuthentication.BASIC) {
                request.header("Authorization", client.basicAuthorization(formEncodeBasicCredentials));
            } else {
                sent.put("client_id", client.clientId());
                sent.put("client_secret", client.clientSecret().reveal());
            }
        }
        // Set before the provider's headers so a vendor that needs another media type can replace it.
        request.header("Accept", "application/json");
        headers.forEach(request::header);
        if (method == EndpointRequest.Method.GET) {
            sent.forEach(request::query);
        } else {
            request.form(sent);
        }
        return request.build();
    }

    @Override
    public String toString() {
        return "GrantRequest[" + method + " " + Urls.redacted(tokenUri) + ", parameters=" + parameters.keySet() + "]";
    }
}
