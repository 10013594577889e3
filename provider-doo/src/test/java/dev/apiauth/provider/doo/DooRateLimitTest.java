package dev.apiauth.provider.doo;

import dev.apiauth.tck.TestEngine;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiauth.provider.doo.DooFixtures.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import dev.apiauth.spi.TokenEndpoint;
import dev.apiauth.spi.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-API-key budgets the token source declares, and that the engine paces to them. */
class DooRateLimitTest {
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
    void declaresDocumentedBudgetsByDefault() {
        assertThat(source(Map.of()).rateLimits()).containsExactly(
                RateLimit.of(1, Duration.ofSeconds(1)), RateLimit.of(1000, Duration.ofDays(1)));
    }

    @Test
    void budgetsFollowSettingsForRaisedLimits() {
        assertThat(source(Map.of("requests-per-second", "5", "requests-per-day", "20000")).rateLimits())
                .containsExactly(RateLimit.of(5, Duration.ofSeconds(1)), RateLimit.of(20000, Duration.ofDays(1)));
    }

    @Test
    void declaresNoBudgetWhenPacingIsOff() {
        assertThat(source(Map.of("pace-requests", "false")).rateLimits()).isEmpty();
    }

    @Test
    void accountsWithOneApiKeyShareOneBudget() {
        TokenSource first = source(Map.of("client-id", "box-office"));
        TokenSource second = source(Map.of("client-id", "reporting"));
        TokenSource otherKey = source(Map.of("api-key", "another-api-key"));

        assertThat(first.rateLimitScope()).isEqualTo("doo:" + Secret.of(API_KEY).fingerprint())
                .isEqualTo(second.rateLimitScope())
                .isNotEqualTo(otherKey.rateLimitScope())
                .doesNotContain(API_KEY);
    }

    @Test
    void engineSpacesTokenRequestsOneSecondApart() {
        stubToken();
        Credentials credentials = engine.credentials(DooFixtures.settings(doo.baseUrl()));

        credentials.token();
        credentials.invalidate();
        credentials.token();

        doo.verify(2, anyRequestedFor(anyUrl()));
        assertThat(engine.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void engineDoesNotPaceWhenPacingIsOff() {
        stubToken();
        Map<String, String> settings = DooFixtures.settings(doo.baseUrl());
        settings.put("pace-requests", "false");
        Credentials credentials = engine.credentials(settings);

        credentials.token();
        credentials.invalidate();
        credentials.token();

        doo.verify(2, anyRequestedFor(anyUrl()));
        assertThat(engine.waits()).isEmpty();
    }

    private static void stubToken() {
        doo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(DooFixtures.success("paced-token"))));
    }

    private static TokenSource source(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(DooFixtures.settings("https://rest.doo.net"));
        values.putAll(overrides);
        DooProvider provider = new DooProvider();
        return provider.createTokenSource(Settings.of(values).validate(provider), new UnusedContext());
    }

    /** Declarations need no transport; any use of it would be a bug. */
    private static final class UnusedContext implements ProviderContext {
        @Override
        public String providerId() {
            return "doo";
        }

        @Override
        public TokenEndpoint tokenEndpoint() {
            throw new AssertionError("declaring budgets must not send requests");
        }

        @Override
        public Json json() {
            throw new AssertionError("declaring budgets must not parse JSON");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public SecretStore secretStore() {
            throw new AssertionError("doo keeps no long-lived secrets");
        }
    }
}
