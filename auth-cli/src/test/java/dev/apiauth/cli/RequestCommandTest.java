package dev.apiauth.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RequestCommandTest {
    private static final String FIRST_TOKEN = "03807cb390319329bdf6c777d4dfae9c0d3b3c35";
    private static final String SECOND_TOKEN = "9f1c0e4b7a2d8e6f5c3b1a0d9e8f7c6b5a4d3e2f";

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @TempDir
    Path home;

    private void issues(String... tokens) {
        String state = STARTED;
        for (int i = 0; i < tokens.length; i++) {
            String next = "token " + (i + 2);
            vendor.stubFor(post(urlPathEqualTo("/oauth/v2/token")).inScenario("tokens").whenScenarioStateIs(state)
                    .willSetStateTo(next)
                    .willReturn(okJson("{\"access_token\":\"" + tokens[i] + "\",\"expires_in\":3600,\"token_type\":\"bearer\"}")));
            state = next;
        }
    }

    private String[] request(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("request", "docplanner", url,
                "--set", "client-id=10495_3tq6k2", "--set", "client-secret=dp-s3cr3t-4f8a-77c1",
                "--set", "domain=doctoralia.es", "--set", "token-url=" + vendor.baseUrl() + "/oauth/v2/token"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void makesAnAuthorizedGetAndPrintsStatusAndBody() {
        issues(FIRST_TOKEN);
        vendor.stubFor(get(urlPathEqualTo("/api/v3/integration/facilities"))
                .withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
                .willReturn(okJson("{\"_items\":[{\"id\":\"42\",\"name\":\"Clinic\"}]}")));

        Cli.Result result = Cli.in(home).run(request(vendor.baseUrl() + "/api/v3/integration/facilities"));

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("HTTP 200 OK\n{\"_items\":[{\"id\":\"42\",\"name\":\"Clinic\"}]}\n");
        assertThat(result.out() + result.err()).doesNotContain(FIRST_TOKEN);
    }

    @Test
    void fetchesANewTokenAndRetriesOnceAfterA401() {
        issues(FIRST_TOKEN, SECOND_TOKEN);
        vendor.stubFor(get(urlPathEqualTo("/api/v3/integration/facilities"))
                .withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"token expired\"}")));
        vendor.stubFor(get(urlPathEqualTo("/api/v3/integration/facilities"))
                .withHeader("Authorization", equalTo("Bearer " + SECOND_TOKEN))
                .willReturn(okJson("{\"_items\":[]}")));

        Cli.Result result = Cli.in(home).run(request(vendor.baseUrl() + "/api/v3/integration/facilities"));

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("HTTP 200");
        assertThat(vendor.findAll(postRequestedFor(urlPathEqualTo("/oauth/v2/token")))).hasSize(2);
        assertThat(vendor.findAll(getRequestedFor(urlPathEqualTo("/api/v3/integration/facilities")))).hasSize(2);
    }

    @Test
    void aNon2xxAnswerIsPrintedAndExitsWith7() {
        issues(FIRST_TOKEN);
        vendor.stubFor(get(urlPathEqualTo("/api/v3/integration/missing")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/vnd.error+docplanner+json")
                .withBody("{\"message\":\"Not found\",\"errors\":[]}")));

        Cli.Result result = Cli.in(home).run(request(vendor.baseUrl() + "/api/v3/integration/missing"));

        assertThat(result.status()).isEqualTo(ExitCodes.API_ERROR);
        assertThat(result.out()).startsWith("HTTP 404").contains("\"message\":\"Not found\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonCarriesStatusAndParsedBody() {
        issues(FIRST_TOKEN);
        vendor.stubFor(get(urlPathEqualTo("/api/v3/integration/facilities"))
                .willReturn(okJson("{\"_items\":[{\"id\":\"42\"}]}")));

        Cli.Result result = Cli.in(home).run(request(vendor.baseUrl() + "/api/v3/integration/facilities", "--json"));

        assertThat(result.status()).as(result.toString()).isZero();
        Map<String, Object> response = result.jsonObject();
        assertThat(response).containsEntry("status", 200).containsEntry("provider", "docplanner");
        assertThat((Map<String, Object>) response.get("body")).containsEntry("_items", List.of(Map.of("id", "42")));
    }

    @Test
    void aTokenFailureKeepsItsExitStatusAndMakesNoApiCall() {
        vendor.stubFor(post(urlPathEqualTo("/oauth/v2/token")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));

        Cli.Result result = Cli.in(home).run(request(vendor.baseUrl() + "/api/v3/integration/facilities"));

        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCodes.CREDENTIALS_REJECTED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("authctl: docplanner: the vendor rejected the credentials");
        assertThat(vendor.findAll(getRequestedFor(urlPathEqualTo("/api/v3/integration/facilities")))).isEmpty();
    }

    @Test
    void refusesToSendCredentialsOverPlainHttpToAnotherHost() {
        Cli.Result result = Cli.in(home).run(request("http://api.example.com/v1/items"));

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("plain http").contains("api.example.com");
        assertThat(vendor.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRelativeUrlIsAUsageError() {
        Cli.Result result = Cli.in(home).run(request("/v1/items"));

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("not an absolute http(s) URL");
    }

    @Test
    void unreachableApiExitsWith5() throws IOException {
        issues(FIRST_TOKEN);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Cli.Result result = Cli.in(home).run(request("http://127.0.0.1:" + closedPort + "/v1/items"));

        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCodes.TRANSIENT);
        assertThat(result.err()).contains("GET http://127.0.0.1:" + closedPort + "/v1/items failed");
    }
}
