package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointRequestTest {
    private static final String SECRET_VALUE = "s3cret-in-request";
    private static final URI TOKEN_URI = URI.create("https://auth.example.com/oauth/token");

    @Test
    void printsNeitherHeaderValuesNorBodyValuesNorQuery() {
        EndpointRequest form = EndpointRequest.post(TOKEN_URI)
                .query("api_key", SECRET_VALUE)
                .header("Authorization", "Basic " + SECRET_VALUE)
                .form(Map.of("client_secret", SECRET_VALUE))
                .build();
        EndpointRequest json = EndpointRequest.post(TOKEN_URI).json(Map.of("password", SECRET_VALUE)).build();

        assertThat(form.toString()).doesNotContain(SECRET_VALUE)
                .contains("POST", "https://auth.example.com/oauth/token", "Authorization", "client_secret");
        assertThat(json.toString()).doesNotContain(SECRET_VALUE).contains("password");
        assertThat(form.body().orElseThrow().toString()).doesNotContain(SECRET_VALUE);
    }

    @Test
    void printsNoUserInfoOfTheUrl() {
        EndpointRequest request = EndpointRequest.get(URI.create("https://client:" + SECRET_VALUE
                + "@auth.example.com:8443/token")).build();

        assertThat(request.toString()).doesNotContain(SECRET_VALUE).contains("https://auth.example.com:8443/token");
    }

    @Test
    void percentEncodesQueryParametersAndKeepsAnExistingQuery() {
        EndpointRequest request = EndpointRequest.get(URI.create("https://auth.example.com/token?tenant=a%20b"))
                .query("scope", "read write")
                .query("redirect", "https://app/cb?x=1&y=2")
                .query("name", "café")
                .build();

        assertThat(request.uri().toString()).isEqualTo("https://auth.example.com/token?tenant=a%20b"
                + "&scope=read%20write&redirect=https%3A%2F%2Fapp%2Fcb%3Fx%3D1%26y%3D2&name=caf%C3%A9");
        assertThat(request.uri().getQuery()).contains("scope=read write");
    }

    @Test
    void leavesTheUriAloneWithoutQueryParameters() {
        assertThat(EndpointRequest.get(TOKEN_URI).build().uri()).isEqualTo(TOKEN_URI);
    }

    @Test
    void keepsHeadersInOrderAndBodiesWithTheirContentTypes() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("b", "2");
        parameters.put("a", "1");
        EndpointRequest request = EndpointRequest.post(TOKEN_URI)
                .header("X-Second", "2").header("X-First", "1").form(parameters).build();

        assertThat(request.method()).isEqualTo(EndpointRequest.Method.POST);
        assertThat(request.headers().keySet()).containsExactly("X-Second", "X-First");
        assertThat(request.body()).containsInstanceOf(EndpointRequest.FormBody.class);
        EndpointRequest.FormBody form = (EndpointRequest.FormBody) request.body().orElseThrow();
        assertThat(form.parameters().keySet()).containsExactly("b", "a");
        assertThat(form.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(new EndpointRequest.JsonBody(Map.of()).contentType()).isEqualTo("application/json");
        assertThatThrownBy(() -> request.headers().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> form.parameters().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copiesTheBodyParameters() {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("a", "1"));
        EndpointRequest request = EndpointRequest.post(TOKEN_URI).form(parameters).build();
        parameters.put("b", "2");

        assertThat(((EndpointRequest.FormBody) request.body().orElseThrow()).parameters()).containsOnlyKeys("a");
    }

    @Test
    void refusesAGetWithABody() {
        assertThatThrownBy(() -> EndpointRequest.get(TOKEN_URI).form(Map.of("a", "1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET");
    }

    @Test
    void refusesNullNamesAndValues() {
        assertThatThrownBy(() -> EndpointRequest.post(TOKEN_URI).header("X-Key", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("X-Key");
        assertThatThrownBy(() -> EndpointRequest.post(TOKEN_URI).query("scope", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EndpointRequest.post(null)).isInstanceOf(NullPointerException.class);
    }
}
