package dev.apiauth.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
    private static final String CLIENT_ID = "10495_3tq6k2";
    private static final String CLIENT_SECRET = "dp-s3cr3t-4f8a-77c1";
    private static final String TOKEN = "03807cb390319329bdf6c777d4dfae9c0d3b3c35";

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @TempDir
    Path home;

    @BeforeEach
    void docplannerIssuesTokens() {
        vendor.stubFor(post(urlPathEqualTo("/oauth/v2/token")).willReturn(okJson("""
                {"access_token": "%s", "expires_in": 3600, "token_type": "bearer", "scope": null}""".formatted(TOKEN))));
    }

    private String[] docplanner(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("token", "docplanner",
                "--set", "client-id=" + CLIENT_ID, "--set", "client-secret=" + CLIENT_SECRET,
                "--set", "domain=doctoralia.es", "--set", "token-url=" + vendor.baseUrl() + "/oauth/v2/token"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void printsTheAuthorizationHeaderMaskedByDefault() {
        Cli.Result result = Cli.in(home).run(docplanner());

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out().lines().findFirst()).hasValue("Authorization: Bearer 0380…(40 chars)");
        assertThat(result.out()).doesNotContain(TOKEN).doesNotContain(CLIENT_SECRET)
                .contains("api-base-url  https://www.doctoralia.es/api/v3/integration")
                .containsPattern("Expires\\s+\\S+Z \\(in 59m 5\\ds\\)");
        assertThat(result.err()).contains("add --reveal");
    }

    @Test
    void revealPrintsTheTokenInFull() {
        Cli.Result result = Cli.in(home).run(docplanner("--reveal"));

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out().lines().findFirst()).hasValue("Authorization: Bearer " + TOKEN);
        assertThat(result.err()).doesNotContain("--reveal");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonIsParseableAndMasked() {
        Cli.Result result = Cli.in(home).run(docplanner("--json"));

        assertThat(result.status()).as(result.toString()).isZero();
        Map<String, Object> token = result.jsonObject();
        assertThat(token).containsEntry("provider", "docplanner").containsEntry("masked", true)
                .containsEntry("tokenType", "Bearer").containsEntry("lifetimeSeconds", 3600);
        assertThat((Map<String, Object>) token.get("headers"))
                .containsExactly(Map.entry("Authorization", "Bearer 0380…(40 chars)"));
        assertThat((Map<String, Object>) token.get("attributes"))
                .containsEntry("api-base-url", "https://www.doctoralia.es/api/v3/integration");
        assertThat(result.out()).doesNotContain(TOKEN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonWithRevealCarriesTheToken() {
        Cli.Result result = Cli.in(home).run(docplanner("--json", "--reveal"));

        assertThat((Map<String, Object>) result.jsonObject().get("headers"))
                .containsEntry("Authorization", "Bearer " + TOKEN);
        assertThat(result.jsonObject()).containsEntry("masked", false);
    }

    @Test
    void environmentIsOverriddenByTheFileWhichIsOverriddenBySet() throws IOException {
        Map<String, String> environment = Map.of(
                "APIAUTH_DOCPLANNER_CLIENT_ID", "from-environment",
                "APIAUTH_DOCPLANNER_CLIENT_SECRET", CLIENT_SECRET,
                "APIAUTH_DOCPLANNER_DOMAIN", "doctoralia.es",
                "APIAUTH_DOCPLANNER_TOKEN_URL", vendor.baseUrl() + "/oauth/v2/token",
                "APIAUTH_DOMO_CLIENT_ID", "another-provider");
        Path file = Files.writeString(home.resolve("docplanner.properties"), "client-id=from-file\n");
        Cli cli = Cli.in(home).withEnvironment(environment);

        assertThat(cli.run("token", "docplanner").status()).isZero();
        assertThat(cli.run("token", "docplanner", "--settings-file", file.toString()).status()).isZero();
        assertThat(cli.run("token", "docplanner", "--settings-file", file.toString(),
                "--set", "client-id=from-set").status()).isZero();

        assertThat(vendor.findAll(postRequestedFor(urlPathEqualTo("/oauth/v2/token"))))
                .extracting(TokenCommandTest::basicUser)
                .containsExactly("from-environment", "from-file", "from-set");
    }

    @Test
    void missingSettingsExitWith3AndListEveryProblem() {
        Cli.Result result = Cli.in(home).run("token", "docplanner", "--set", "client-id=" + CLIENT_ID,
                "--set", "scopes=integration");

        assertThat(result.status()).isEqualTo(ExitCodes.INVALID_SETTINGS);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("authctl: docplanner: invalid settings (3 problems):")
                .contains("unknown setting 'scopes'")
                .contains("missing required setting 'client-secret'")
                .contains("missing required setting 'domain'")
                .contains("authctl describe docplanner");
    }

    @Test
    void anInvalidValueOfASecretIsNotEchoed() {
        Cli.Result result = Cli.in(home).run("token", "doo", "--set", "client-id=c", "--set", "client-secret=s3cr3t-v4lue",
                "--set", "api-key=k3y-v4lue-123", "--set", "token-url=http://example.com/oauth?k3y-v4lue-123");

        assertThat(result.status()).isEqualTo(ExitCodes.INVALID_SETTINGS);
        assertThat(result.err()).contains("token-url").doesNotContain("s3cr3t-v4lue");
    }

    @Test
    void unknownProviderListsTheKnownIds() {
        Cli.Result result = Cli.in(home).run("token", "domoo");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no provider with id 'domoo'")
                .contains("[docoon, docplanner, domo, doo, dotypos]");
    }

    @Test
    void rejectedCredentialsExitWith4WithoutPrintingTheSecret() {
        vendor.stubFor(post(urlPathEqualTo("/oauth/v2/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"The client credentials are invalid\"}")));

        Cli.Result result = Cli.in(home).run(docplanner());

        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCodes.CREDENTIALS_REJECTED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("authctl: docplanner: ").contains("invalid_client")
                .doesNotContain(CLIENT_SECRET);
    }

    @Test
    void unreachableTokenEndpointExitsWith5() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Cli.Result result = Cli.in(home).run("token", "docplanner", "--set", "client-id=" + CLIENT_ID,
                "--set", "client-secret=" + CLIENT_SECRET, "--set", "domain=doctoralia.es",
                "--set", "token-url=http://127.0.0.1:" + closedPort + "/oauth/v2/token");

        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCodes.TRANSIENT);
        assertThat(result.err()).startsWith("authctl: docplanner: ").doesNotContain(CLIENT_SECRET);
    }

    @Test
    void vendorOverloadExitsWith5AndPassesOnRetryAfter() {
        vendor.stubFor(post(urlPathEqualTo("/oauth/v2/token")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120")));

        Cli.Result result = Cli.in(home).run(docplanner());

        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCodes.TRANSIENT);
        assertThat(result.err()).contains("the vendor asked to wait 2m");
    }

    @Test
    void dotyposWithoutAConnectedCloudAsksForInteraction() {
        Cli.Result result = Cli.in(home).run("token", "dotypos", "--set", "cloud-id=118",
                "--set", "token-url=" + vendor.baseUrl() + "/v2/signin/token", "--store-dir", home.resolve("empty").toString());

        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCodes.INTERACTION_REQUIRED);
        assertThat(result.err()).contains("authctl connect dotypos");
    }

    @Test
    void aSetWithoutValueIsAUsageError() {
        Cli.Result result = Cli.in(home).run("token", "docplanner", "--set", "client-id");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--set");
    }

    @Test
    void aMissingSettingsFileIsAUsageError() {
        Cli.Result result = Cli.in(home).run("token", "docplanner", "--settings-file", home.resolve("nope.properties")
                .toString());

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("nope.properties").contains("does not exist");
    }

    private static String basicUser(LoggedRequest request) {
        String header = request.getHeader("Authorization");
        String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length())),
                StandardCharsets.UTF_8);
        return decoded.substring(0, decoded.indexOf(':'));
    }
}
