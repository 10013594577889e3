package dev.apiauth.spi.oauth2;

import static dev.apiauth.spi.oauth2.ClientCredentialsTest.CLIENT;
import static dev.apiauth.spi.oauth2.ClientCredentialsTest.CLIENT_ID;
import static dev.apiauth.spi.oauth2.ClientCredentialsTest.CLIENT_SECRET;
import static dev.apiauth.spi.oauth2.ClientCredentialsTest.FORM_ENCODED_BASIC;
import static dev.apiauth.spi.oauth2.ClientCredentialsTest.RAW_BASIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.Secret;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantRequestTest {
    private static final URI TOKEN_URI = URI.create("https://auth.example.com/oauth/token");
    private static final String PASSWORD = "user-Pa55word!";
    private static final String REFRESH_TOKEN = "rt-0123456789-secret";

    private static Map<String, String> form(EndpointRequest request) {
        assertThat(request.body()).containsInstanceOf(EndpointRequest.FormBody.class);
        return ((EndpointRequest.FormBody) request.body().orElseThrow()).parameters();
    }

    @Test
    void clientCredentialsPostsTheGrantWithBasicAuthentication() {
        EndpointRequest request = GrantRequest.clientCredentials(TOKEN_URI, CLIENT).build();

        assertThat(request.method()).isEqualTo(EndpointRequest.Method.POST);
        assertThat(request.uri()).isEqualTo(TOKEN_URI);
        assertThat(form(request)).containsExactly(entry("grant_type", "client_credentials"));
        assertThat(request.headers()).containsEntry("Authorization", FORM_ENCODED_BASIC)
                .containsEntry("Accept", "application/json");
    }

    @Test
    void basicCredentialsCanBeSentWithoutFormEncoding() {
        EndpointRequest request = GrantRequest.clientCredentials(TOKEN_URI, CLIENT)
                .formEncodeBasicCredentials(false).build();

        assertThat(request.headers()).containsEntry("Authorization", RAW_BASIC);
    }

    @Test
    void bodyAuthenticationPutsIdAndSecretInTheFormInsteadOfAHeader() {
        EndpointRequest request = GrantRequest.clientCredentials(TOKEN_URI, CLIENT)
                .authentication(ClientAuthentication.BODY).parameter("scope", "read write").build();

        assertThat(form(request)).containsExactly(entry("grant_type", "client_credentials"),
                entry("scope", "read write"), entry("client_id", CLIENT_ID), entry("client_secret", CLIENT_SECRET));
        assertThat(request.headers()).doesNotContainKey("Authorization");
    }

    @Test
    void passwordGrantSendsUsernameAndPassword() {
        EndpointRequest request = GrantRequest.password(TOKEN_URI, CLIENT, "jane@example.com", Secret.of(PASSWORD))
                .build();

        assertThat(form(request)).containsExactly(entry("grant_type", "password"),
                entry("username", "jane@example.com"), entry("password", PASSWORD));
        assertThat(request.headers()).containsEntry("Authorization", FORM_ENCODED_BASIC);
    }

    @Test
    void refreshTokenGrantSendsTheRefreshToken() {
        EndpointRequest request = GrantRequest.refreshToken(TOKEN_URI, CLIENT, Secret.of(REFRESH_TOKEN))
                .authentication(ClientAuthentication.BODY).build();

        assertThat(form(request)).containsExactly(entry("grant_type", "refresh_token"),
                entry("refresh_token", REFRESH_TOKEN), entry("client_id", CLIENT_ID),
                entry("client_secret", CLIENT_SECRET));
    }

    @Test
    void asQueryOfGetMovesEveryParameterIntoThePercentEncodedQuery() {
        EndpointRequest request = GrantRequest.clientCredentials(TOKEN_URI, CLIENT)
                .parameter("scope", "data user")
                .authentication(ClientAuthentication.BODY)
                .asQueryOfGet()
                .build();

        assertThat(request.method()).isEqualTo(EndpointRequest.Method.GET);
        assertThat(request.body()).isEmpty();
        assertThat(request.uri().toString()).isEqualTo("https://auth.example.com/oauth/token"
                + "?grant_type=client_credentials&scope=data%20user&client_id=my%20client"
                + "&client_secret=p%40ss%3Aw%2Brd%2F%26%3D%25");
    }

    @Test
    void asQueryOfGetKeepsBasicAuthenticationInTheHeader() {
        EndpointRequest request = GrantRequest.clientCredentials(TOKEN_URI, CLIENT).parameter("scope", "data user")
                .asQueryOfGet().build();

        assertThat(request.uri().getRawQuery()).isEqualTo("grant_type=client_credentials&scope=data%20user");
        assertThat(request.headers()).containsEntry("Authorization", FORM_ENCODED_BASIC);
    }

    @Test
    void sendsExtraParametersAndHeaders() {
        EndpointRequest request = GrantRequest.grant(TOKEN_URI, "urn:vendor:grant")
                .parameter("audience", "api")
                .header("X-Api-Key", "key-1")
                .build();

        assertThat(form(request)).containsExactly(entry("grant_type", "urn:vendor:grant"), entry("audience", "api"));
        assertThat(request.headers()).containsEntry("X-Api-Key", "key-1").containsEntry("Accept", "application/json")
                .doesNotContainKey("Authorization");
    }

    @Test
    void aProviderMayReplaceTheDefaultAcceptHeader() {
        EndpointRequest request = GrantRequest.clientCredentials(TOKEN_URI, CLIENT)
                .header("Accept", "application/vnd.vendor+json").build();

        assertThat(request.headers()).containsEntry("Accept", "application/vnd.vendor+json");
    }

    @Test
    void printsNoSecretValues() {
        GrantRequest grant = GrantRequest.password(URI.create("https://auth.example.com/token?key=" + REFRESH_TOKEN),
                CLIENT, "jane", Secret.of(PASSWORD)).header("X-Api-Key", REFRESH_TOKEN);
        EndpointRequest request = grant.build();
        GrantRequest refresh = GrantRequest.refreshToken(TOKEN_URI, CLIENT, Secret.of(REFRESH_TOKEN))
                .authentication(ClientAuthentication.BODY).asQueryOfGet();

        GrantRequest userInfo = GrantRequest.clientCredentials(
                URI.create("https://id:" + PASSWORD + "@auth.example.com:8443/token"), CLIENT);

        assertThat(userInfo.toString()).contains("https://auth.example.com:8443/token");
        for (String printed : new String[] {grant.toString(), request.toString(), refresh.toString(),
                refresh.build().toString(), userInfo.toString(), userInfo.build().toString()}) {
            assertThat(printed).doesNotContain(PASSWORD, REFRESH_TOKEN, CLIENT_SECRET, FORM_ENCODED_BASIC)
                    .contains("auth.example.com");
        }
        assertThat(grant.toString()).contains("grant_type", "username", "password");
    }

    @Test
    void refusesMissingValues() {
        assertThatThrownBy(() -> GrantRequest.clientCredentials(null, CLIENT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> GrantRequest.grant(TOKEN_URI, "x").parameter("scope", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("scope");
        assertThatThrownBy(() -> GrantRequest.grant(TOKEN_URI, "x").client(null))
                .isInstanceOf(NullPointerException.class);
    }
}
