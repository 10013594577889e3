package dev.apiauth.provider.doo;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.doo.DooFixtures.API_KEY;
import static dev.apiauth.provider.doo.DooFixtures.CLIENT_SECRET;
import static dev.apiauth.provider.doo.DooFixtures.jwt;
import static dev.apiauth.provider.doo.DooFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.MalformedResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wire format of doo's token call and how its answer becomes a token, through the real engine. */
class DooTokenRequestTest {
    @RegisterExtension
    static WireMockExtension doo = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final TestEngine engine = new TestEngine(new DooProvider());

    @AfterEach
    void closeCredentials() {
        engine.close();
    }

    @Test
    void postsDocumentedJsonRequestWithApiKey() {
        stubToken(200, success("opaque-token-1"));

        engine.credentials(settings()).token();

        doo.verify(1, anyRequestedFor(anyUrl()));
        doo.verify(postRequestedFor(urlEqualTo("/v1/oauth"))
                .withHeader("Content-Type", matching("application/json(; ?charset=UTF-8)?"))
                .withHeader("x-api-key", equalTo(API_KEY))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("""
                        {"client_id": "ticket-shop", "client_secret": "s3cr3t-doo-client",
                         "grant_type": "client_credentials"}""")));
    }

    @Test
    void authorizedRequestsCarryBearerTokenAndApiKey() {
        stubToken(200, success("opaque-token-1"));

        Map<String, String> headers = engine.credentials(settings()).headers();

        assertThat(headers).containsExactly(
                Map.entry("Authorization", "Bearer opaque-token-1"),
                Map.entry("x-api-key", API_KEY));
    }

    @Test
    void acceptsCreatedAsSuccess() {
        stubToken(201, success("created-token"));

        assertThat(engine.credentials(settings()).token().value()).isEqualTo("created-token");
    }

    @Test
    void derivesTokenUrlFromApiBaseUrl() {
        stubToken(200, success("t"));
        Map<String, String> settings = settings();
        settings.remove("token-url");
        settings.put("api-base-url", doo.baseUrl() + "/sandbox/v1/");

        AccessToken token = engine.credentials(settings).token();

        doo.verify(1, postRequestedFor(urlEqualTo("/sandbox/v1/oauth")));
        assertThat(token.attribute("api-base-url")).contains(doo.baseUrl() + "/sandbox/v1");
    }

    @Test
    void tokenUrlOverridesApiBaseUrl() {
        stubToken(200, success("t"));
        Map<String, String> settings = settings();
        settings.put("api-base-url", "https://integration.doo.net/v1");
        settings.put("token-url", doo.baseUrl() + "/proxy/doo-token");

        engine.credentials(settings).token();

        doo.verify(1, postRequestedFor(urlEqualTo("/proxy/doo-token")));
    }

    @Test
    void defaultsToDocumentedHost() {
        AtomicReference<EndpointRequest> sent = new AtomicReference<>();
        Map<String, String> settings = settings();
        settings.remove("token-url");

        AccessToken token = engine.credentials(settings, builder -> builder.tokenEndpoint(request -> {
            sent.set(request);
            return new EndpointResponse(200, Map.of("Content-Type", List.of("application/json")),
                    success("t"), Optional.of(Map.of("data", Map.of("access_token", "t"))));
        })).token();

        assertThat(sent.get().method()).isEqualTo(EndpointRequest.Method.POST);
        assertThat(sent.get().uri()).hasToString("https://rest.doo.net/v1/oauth");
        assertThat(token.attribute("api-base-url")).contains("https://rest.doo.net/v1");
    }

    @Test
    void expiresAtJwtExp() {
        Instant exp = engine.clock().instant().plus(Duration.ofHours(1));
        stubToken(200, success(jwt(exp)));

        AccessToken token = engine.credentials(settings()).token();

        assertThat(token.expiresAt()).contains(exp);
        assertThat(token.type()).isEqualTo("Bearer");
    }

    @Test
    void fetchesNewTokenWhenJwtExpires() {
        stubToken(200, success(jwt(engine.clock().instant().plus(Duration.ofHours(1)))));
        Credentials credentials = engine.credentials(settings());
        String first = credentials.token().value();

        engine.clock().advance(Duration.ofMinutes(30));
        assertThat(credentials.token().value()).isEqualTo(first);
        doo.verify(1, anyRequestedFor(anyUrl()));

        String second = jwt(engine.clock().instant().plus(Duration.ofHours(2)));
        stubToken(200, success(second));
        engine.clock().advance(Duration.ofMinutes(31));

        assertThat(credentials.token().value()).isEqualTo(second);
        doo.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void keepsOpaqueTokenUntilApiRejectsIt() {
        stubToken(200, success("opaque-1"));
        Credentials credentials = engine.credentials(settings());
        Authorization first = credentials.authorization();
        assertThat(first.token().expiresAt()).isEmpty();

        engine.clock().advance(Duration.ofDays(30));
        assertThat(credentials.authorization()).isSameAs(first);
        doo.verify(1, anyRequestedFor(anyUrl()));

        stubToken(200, success("opaque-2"));
        assertThat(credentials.rejected(first)).isTrue();

        assertThat(credentials.headers()).containsEntry("Authorization", "Bearer opaque-2")
                .containsEntry("x-api-key", API_KEY);
        doo.verify(2, anyRequestedFor(anyUrl()));
    }

    /** The engine applies {@code max-token-age} (TokenSource.maxTokenAge): doo's token carries no invented expiry. */
    @Test
    void maxTokenAgeReplacesAnOpaqueTokenAtThatAge() {
        stubToken(200, success("opaque-1"));
        Map<String, String> settings = settings();
        settings.put("max-token-age", "10m");
        Credentials credentials = engine.credentials(settings);
        AccessToken first = credentials.token();
        assertThat(first.expiresAt()).isEmpty();

        stubToken(200, success("opaque-2"));
        engine.clock().advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(credentials.token()).isSameAs(first);
        engine.clock().advance(Duration.ofMillis(1));
        assertThat(credentials.token().value()).isEqualTo("opaque-2");
        doo.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void maxTokenAgeReplacesAJwtBeforeItsLaterExp() {
        stubToken(200, success(jwt(engine.clock().instant().plus(Duration.ofDays(7)))));
        Map<String, String> settings = settings();
        settings.put("max-token-age", "PT2H");
        Credentials credentials = engine.credentials(settings);
        AccessToken first = credentials.token();

        stubToken(200, success("opaque-after-two-hours"));
        engine.clock().advance(Duration.ofMinutes(100));
        assertThat(credentials.token()).as("well before the 2 h age").isSameAs(first);
        engine.clock().advance(Duration.ofMinutes(20));
        assertThat(credentials.token().value()).isEqualTo("opaque-after-two-hours");
        doo.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void jwtExpSoonerThanMaxTokenAgeWins() {
        Instant exp = engine.clock().instant().plus(Duration.ofMinutes(15));
        stubToken(200, success(jwt(exp)));
        Map<String, String> settings = settings();
        settings.put("max-token-age", "1h");

        assertThat(engine.credentials(settings).token().expiresAt()).contains(exp);
    }

    @Test
    void jwtExpiredOnArrivalIsReportedInsteadOfUsed() {
        stubToken(200, success(jwt(engine.clock().instant().minus(Duration.ofMinutes(5)))));

        assertThatThrownBy(() -> engine.credentials(settings()).token())
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageStartingWith("doo: ")
                .hasMessageContaining("check the system clock");
    }

    @Test
    void secretsStayOutOfPrintedState() {
        stubToken(200, success("opaque-token-value"));
        Credentials credentials = engine.credentials(settings());
        Authorization authorization = credentials.authorization();

        assertThat(List.of(credentials.toString(), credentials.settings().toString(), authorization.toString(),
                authorization.token().toString()))
                .allSatisfy(text -> assertThat(text)
                        .doesNotContain(CLIENT_SECRET, API_KEY, "opaque-token-value"));
    }

    private static void stubToken(int status, String body) {
        doo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    private static Map<String, String> settings() {
        return DooFixtures.settings(doo.baseUrl());
    }
}
