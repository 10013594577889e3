package dev.apiauth.spi.oauth2;

import dev.apiauth.spi.Api;
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
@Api(status = Api.Status.STABLE)
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

    /**
     * A request for any grant type, with no client authentication until {@link #client} is set.
     *
     * @param tokenUri the token endpoint
     * @param grantType the {@code grant_type} value
     * @return the request builder
     */
    public static GrantRequest grant(URI tokenUri, String grantType) {
        return new GrantRequest(tokenUri, grantType);
    }

    /**
     * {@code grant_type=client_credentials} (RFC 6749 §4.4), client authenticated by Basic.
     *
     * @param tokenUri the token endpoint
     * @param client the client's id and secret
     * @return the request builder
     */
    public static GrantRequest clientCredentials(URI tokenUri, ClientCredentials client) {
        return grant(tokenUri, "client_credentials").client(client);
    }

    /**
     * {@code grant_type=password} (RFC 6749 §4.3), client authenticated by Basic.
     *
     * @param tokenUri the token endpoint
     * @param client the client's id and secret
     * @param username the resource owner's user name
     * @param password the resource owner's password
     * @return the request builder
     */
    public static GrantRequest password(URI tokenUri, ClientCredentials client, String username, Secret password) {
        return grant(tokenUri, "password").client(client)
                .parameter("username", username)
                .parameter("password", password.reveal());
    }

    /**
     * {@code grant_type=refresh_token} (RFC 6749 §6), client authenticated by Basic.
     *
     * @param tokenUri the token endpoint
     * @param client the client's id and secret
     * @param refreshToken the refresh token
     * @return the request builder
     */
    public static GrantRequest refreshToken(URI tokenUri, ClientCredentials client, Secret refreshToken) {
        return grant(tokenUri, "refresh_token").client(client).parameter("refresh_token", refreshToken.reveal());
    }

    /**
     * The client; it authenticates by {@link ClientAuthentication#BASIC} unless
     * {@link #authentication} says otherwise.
     *
     * @param credentials the client's id and secret
     * @return this builder
     */
    public GrantRequest client(ClientCredentials credentials) {
        this.client = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    /**
     * How the client authenticates: HTTP Basic (the default) or body parameters.
     *
     * @param how the client authentication method
     * @return this builder
     */
    public GrantRequest authentication(ClientAuthentication how) {
        this.authentication = Objects.requireNonNull(how, "how");
        return this;
    }

    /**
     * Opts out of form-urlencoding id and secret before Base64 (RFC 6749 §2.3.1), for vendors that
     * decode Basic credentials without it.
     *
     * @param encode {@code false} to send id and secret raw, as {@code curl -u id:secret} does
     * @return this builder
     */
    public GrantRequest formEncodeBasicCredentials(boolean encode) {
        this.formEncodeBasicCredentials = encode;
        return this;
    }

    /**
     * Adds (or replaces) a grant parameter, e.g. {@code scope}.
     *
     * @param name the parameter name
     * @param value its value
     * @return this builder
     */
    public GrantRequest parameter(String name, String value) {
        parameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
        return this;
    }

    /**
     * Adds (or replaces) a request header; set after {@code Accept: application/json}, so it can
     * replace that one.
     *
     * @param name the header name
     * @param value its value
     * @return this builder
     */
    public GrantRequest header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
        return this;
    }

    /**
     * Sends the parameters in the query of a GET instead of a form body (documented by Domo).
     *
     * @return this builder
     */
    public GrantRequest asQueryOfGet() {
        this.method = EndpointRequest.Method.GET;
        return this;
    }

    /**
     * The request to send with {@link dev.apiauth.spi.TokenEndpoint#send}.
     *
     * @return the request
     */
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
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        if (method == EndpointRequest.Method.GET) {
            for (Map.Entry<String, String> parameter : sent.entrySet()) {
                request.query(parameter.getKey(), parameter.getValue());
            }
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
