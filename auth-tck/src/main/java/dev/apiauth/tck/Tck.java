package dev.apiauth.tck;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.core.transport.HttpTokenEndpoint;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.testing.RecordingSecretStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * One rule's run: the provider under test and its fixture, and the parts the rule works with — the
 * {@linkplain DeterministicEngines engines} (built as users build them, on a fake clock), the secret
 * store, the {@linkplain ScriptedTokenEndpoint scripted token endpoint} and the {@linkplain TokenIssuer
 * tokens it issues}, the {@linkplain FakeApi fake API}, and the {@linkplain FixtureSecrets secrets}
 * that must not leak. Everything it opens is closed when the rule ends.
 */
final class Tck implements AutoCloseable {
    final AuthProviderContract contract;
    final ContractFixture fixture;
    final TckServer server;
    final AuthProvider provider;
    final boolean foundByServiceLoader;
    final ProviderLookup lookup;
    final Map<String, String> settings;
    final RecordingSecretStore store = new RecordingSecretStore();
    final SecretScanner secrets;
    final ScriptedTokenEndpoint tokens;
    final TokenIssuer issuer;
    final FakeApi api;
    final FakeClock clock;
    /** Every wait the rule's engines asked for, in order (they advance {@link #clock} instead). */
    final List<Duration> sleeps;
    volatile boolean failed;

    private final ProviderUnderTest subject;
    private final DeterministicEngines engines = new DeterministicEngines(DeterministicEngines.START);
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private LoopbackOnlyEndpoint loopbackOnly;

    private Tck(ProviderUnderTest subject, TckServer server) {
        this.subject = subject;
        this.contract = subject.contract();
        this.fixture = subject.fixture();
        this.provider = subject.provider();
        this.foundByServiceLoader = subject.foundByServiceLoader();
        this.lookup = subject.lookup();
        this.settings = subject.settings();
        this.server = server;
        this.clock = engines.clock();
        this.sleeps = engines.waits();
        this.secrets = FixtureSecrets.scanner(subject);
        this.tokens = new ScriptedTokenEndpoint(server, fixture, secrets);
        this.issuer = new TokenIssuer(fixture, clock, secrets);
        this.api = new FakeApi(server);
    }

    /**
     * Checks the fixture, finds the provider and points the server's answers at the new run.
     *
     * @throws TckConfigurationException when the fixture is missing or incomplete, or no provider with
     *     its id exists
     */
    static Tck open(AuthProviderContract contract, TckServer server) {
        Tck tck = new Tck(ProviderUnderTest.find(contract, server), server);
        server.reset();
        server.answerWith(event -> tck.tokens.answer(tck, event), event -> tck.api.answer(tck, event));
        return tck;
    }

    boolean has(Capability capability) {
        return fixture.capabilities().contains(capability);
    }

    URI baseUrl() {
        return server.baseUrl();
    }

    TokenEndpointFixture endpoint() {
        return fixture.tokenEndpoint().orElseThrow();
    }

    /** Names and values of secret settings, from the fixture and the provider's declarations. */
    Map<String, String> secretSettingValues() {
        return FixtureSecrets.settingValues(subject);
    }

    // ---------------------------------------------------------------- engines

    /** An engine for the fixture's account, configured as the rules need by default. */
    Credentials credentials() {
        return credentials(settings, UnaryOperator.identity());
    }

    Credentials credentials(UnaryOperator<Credentials.Builder> options) {
        return credentials(settings, options);
    }

    /**
     * An engine built as users build one: the real transport against the WireMock server, the
     * deterministic engines' clock and waits, the rule's secret store, three attempts per token.
     */
    Credentials credentials(Map<String, String> values, UnaryOperator<Credentials.Builder> options) {
        return engines.open(provider, builder -> options.apply(builder
                .settings(contract.engineSettings(values))
                .retryPolicy(retryPolicy(3))
                .secretStore(store)
                .transport(transport(Duration.ofSeconds(5), Duration.ofSeconds(10)))));
    }

    static RetryPolicy retryPolicy(int attempts) {
        return RetryPolicy.builder()
                .maxAttempts(attempts)
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .maxRetryWait(Duration.ofMinutes(5))
                .random(() -> 0.5)
                .build();
    }

    static HttpTokenEndpoint.Builder transport(Duration responseTimeout, Duration callTimeout) {
        return HttpTokenEndpoint.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(responseTimeout)
                .callTimeout(callTimeout);
    }

    /** A {@link LoopbackOnlyEndpoint} to the TCK's server; one per rule, closed with it. */
    synchronized LoopbackOnlyEndpoint loopbackOnlyEndpoint() {
        if (loopbackOnly == null) {
            HttpTokenEndpoint transport = transport(Duration.ofSeconds(5), Duration.ofSeconds(10))
                    .providerId(provider.id()).build();
            opened.add(transport);
            loopbackOnly = new LoopbackOnlyEndpoint(transport, server.port(), provider.id());
        }
        return loopbackOnly;
    }

    /** An HTTP client that authorizes requests with {@code credentials}, as the engine's integration does. */
    CloseableHttpClient apiClient(Credentials credentials) {
        CloseableHttpClient client = contract.apiClient(credentials);
        opened.add(client);
        return client;
    }

    @Override
    public void close() {
        List<Throwable> problems = new ArrayList<>();
        try {
            engines.close();
        } catch (RuntimeException e) {
            problems.add(e);
        }
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                problems.add(e);
            }
        }
        opened.clear();
        server.reset();
        if (!problems.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("closing the rule's engines failed");
            problems.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
