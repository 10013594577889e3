package dev.apiauth.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.VerificationException;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.RefreshPolicy;
import dev.apiauth.core.RetryPolicy;
import dev.apiauth.core.transport.HttpTokenEndpoint;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.EndpointRequest;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenEndpoint;
import dev.apiauth.spi.TransientAuthException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * One rule's run: the fixture and provider under test, the fake clock, the secret store, the
 * scripted token endpoint and API on the shared WireMock server, and engines built exactly as users
 * build them. Everything it opens is closed when the rule ends.
 */
final class Tck implements AutoCloseable {
    /** When every rule's fake clock starts. */
    static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    /** The lifetime of tokens the fake endpoint issues when the vendor's tokens expire. */
    static final Duration LIFETIME = Duration.ofHours(1);
    /** The path of the fake vendor API that R4 and R7 call. */
    static final String API_PATH = "/tck/api/resource";

    private static final SecureRandom RANDOM = new SecureRandom();

    final AuthProviderContract contract;
    final ContractFixture fixture;
    final TckServer server;
    final AuthProvider provider;
    final boolean foundByServiceLoader;
    final ProviderLookup lookup;
    final Map<String, String> settings;
    final FakeClock clock = new FakeClock(START);
    final RecordingSecretStore store = new RecordingSecretStore();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<IssuedToken> issued = new CopyOnWriteArrayList<>();
    final SecretScanner secrets = new SecretScanner();
    private final CredentialDiff credentialDiff = new CredentialDiff(secrets);
    volatile boolean failed;

    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private final List<TokenAnswer> tokenScript = Collections.synchronizedList(new ArrayList<>());
    private final List<ApiAnswer> apiScript = Collections.synchronizedList(new ArrayList<>());
    private volatile UUID tokenStub;
    private volatile Optional<Duration> lifetime;
    private LoopbackOnlyEndpoint loopbackOnly;

    /** One scripted answer of the fake token endpoint. */
    @FunctionalInterface
    interface TokenAnswer {
        ResponseDefinition answer(Tck tck, ServeEvent request);
    }

    /** One scripted answer of the fake API. */
    @FunctionalInterface
    interface ApiAnswer {
        ResponseDefinition answer(Tck tck, LoggedRequest request);
    }

    private Tck(AuthProviderContract contract, ContractFixture fixture, TckServer server, AuthProvider provider,
            boolean foundByServiceLoader, ProviderLookup lookup, Map<String, String> settings) {
        this.contract = contract;
        this.fixture = fixture;
        this.server = server;
        this.provider = provider;
        this.foundByServiceLoader = foundByServiceLoader;
        this.lookup = lookup;
        this.settings = settings;
        this.lifetime = has(Capability.EXPIRING_TOKENS) ? Optional.of(LIFETIME) : Optional.empty();
        collectSecrets();
        server.reset();
        server.answerWith(this::answerToken, this::answerApi);
    }

    /**
     * Checks the fixture and finds the provider.
     *
     * @throws TckConfigurationException when the fixture is missing or incomplete, or no provider with
     *     its id exists
     */
    static Tck open(AuthProviderContract contract, TckServer server) {
        ContractFixture fixture;
        try {
            fixture = contract.fixture();
        } catch (RuntimeException e) {
            throw new TckConfigurationException(contract.getClass().getName() + ".fixture() threw " + e
                    + "; it must return the provider's ContractFixture");
        }
        if (fixture == null) {
            throw new TckConfigurationException(contract.getClass().getName()
                    + ".fixture() returned null; return the provider's ContractFixture");
        }
        Map<String, String> settings = FixtureCheck.check(fixture, server.baseUrl());
        ProviderLookup lookup = ProviderLookup.scan(ProviderLookup.contextLoader());
        List<AuthProvider> found = lookup.withId(fixture.providerId());
        AuthProvider provider;
        boolean byServiceLoader = !found.isEmpty();
        List<AuthProvider> otherCase = lookup.withIdInOtherCase(fixture.providerId());
        if (byServiceLoader) {
            provider = found.get(0);
        } else if (fixture.provider().isEmpty() && otherCase.size() == 1) {
            // Ids are lower-case: a case mismatch is one mistake, reported by R1.1 (and R1.2 if the
            // provider's id is the wrong one), not a reason to stop every other rule.
            provider = otherCase.get(0);
        } else {
            provider = fixture.provider().orElseThrow(() -> new TckConfigurationException(
                    "no provider with id '" + fixture.providerId() + "' was found by ServiceLoader"
                            + (lookup.loadFailures.isEmpty() ? "" : " (some entries failed to load: "
                                    + lookup.loadFailures + ")")
                            + "; register it in META-INF/services/dev.apiauth.spi.AuthProvider (rule R1.1)"));
        }
        return new Tck(contract, fixture, server, provider, byServiceLoader, lookup, settings);
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

    // ---------------------------------------------------------------- engines

    /** An engine for the fixture's account, configured as the rules need by default. */
    Credentials credentials() {
        return credentials(settings, UnaryOperator.identity());
    }

    Credentials credentials(UnaryOperator<Credentials.Builder> options) {
        return credentials(settings, options);
    }

    /**
     * An engine built as users build one: the real transport against the WireMock server, the fake
     * clock (waits advance it), refreshes run by the calling thread so rules are deterministic.
     */
    Credentials credentials(Map<String, String> values, UnaryOperator<Credentials.Builder> options) {
        Credentials.Builder builder = Credentials.builder(provider)
                .settings(contract.engineSettings(values))
                .clock(clock)
                .sleeper(wait -> {
                    sleeps.add(wait);
                    clock.advance(wait);
                })
                .backgroundExecutor(Runnable::run)
                .retryPolicy(retryPolicy(3))
                .refreshPolicy(RefreshPolicy.builder().jitter(0).build())
                .secretStore(store)
                .transport(transport(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        Credentials credentials = options.apply(builder).build();
        opened.add(credentials);
        return credentials;
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

    /**
     * A token endpoint for {@link Credentials.Builder#tokenEndpoint} that sends only to the TCK's
     * server and refuses (transiently) any other host, for rules that change settings in ways that
     * could make a provider fall back to a vendor URL of its own. One per rule, closed with it.
     */
    synchronized LoopbackOnlyEndpoint loopbackOnlyEndpoint() {
        if (loopbackOnly == null) {
            HttpTokenEndpoint transport = transport(Duration.ofSeconds(5), Duration.ofSeconds(10))
                    .providerId(provider.id()).build();
            opened.add(transport);
            loopbackOnly = new LoopbackOnlyEndpoint(transport);
        }
        return loopbackOnly;
    }

    /** See {@link #loopbackOnlyEndpoint()}. */
    final class LoopbackOnlyEndpoint implements TokenEndpoint {
        private final TokenEndpoint delegate;
        private volatile boolean refused;

        private LoopbackOnlyEndpoint(TokenEndpoint delegate) {
            this.delegate = delegate;
        }

        @Override
        public EndpointResponse send(EndpointRequest request) {
            URI uri = request.uri();
            if (!"127.0.0.1".equals(uri.getHost()) || uri.getPort() != server.port()) {
                refused = true;
                throw new TransientAuthException(provider.id(), "the TCK does not send to " + uri.getHost()
                        + ", which is not its server", null, null, null);
            }
            return delegate.send(request);
        }

        /** Whether the provider tried to send somewhere else than the TCK's server. */
        boolean refusedAny() {
            return refused;
        }
    }

    /** An HTTP client that authorizes requests with {@code credentials}, as the engine's integration does. */
    CloseableHttpClient apiClient(Credentials credentials) {
        CloseableHttpClient client = contract.apiClient(credentials);
        opened.add(client);
        return client;
    }

    URI apiUrl() {
        return URI.create(baseUrl() + API_PATH);
    }

    // ---------------------------------------------------------------- the fake token endpoint

    /** Stubs the fixture's token request; each request gets the next answer, the last one repeats. */
    void tokenEndpointAnswers(TokenAnswer... answers) {
        tokenScript.clear();
        tokenScript.addAll(List.of(answers));
        if (tokenStub == null) {
            StubMapping stub = server.wireMock().stubFor(endpoint().request()
                    .willReturn(aResponse().withTransformers(TckServer.TOKEN_ANSWERS)));
            tokenStub = stub.getId();
        }
    }

    /** Sets the lifetime of the tokens issued from now on (empty: the vendor announces none). */
    void issueLifetime(Optional<Duration> value) {
        this.lifetime = value;
    }

    /** The token requests the provider sent that matched the fixture's request, oldest first. */
    List<LoggedRequest> tokenRequests() {
        UUID stub = tokenStub;
        List<LoggedRequest> requests = new ArrayList<>();
        for (ServeEvent event : server.wireMock().getAllServeEvents()) {
            if (stub != null && event.getStubMapping() != null && stub.equals(event.getStubMapping().getId())) {
                requests.add(event.getRequest());
            }
        }
        Collections.reverse(requests);
        return requests;
    }

    /** Every request the server received, oldest first. */
    List<LoggedRequest> allRequests() {
        List<LoggedRequest> requests = new ArrayList<>();
        server.wireMock().getAllServeEvents().forEach(event -> requests.add(event.getRequest()));
        Collections.reverse(requests);
        return requests;
    }

    private ResponseDefinition answerToken(ServeEvent event) {
        TokenAnswer next;
        synchronized (tokenScript) {
            if (tokenScript.isEmpty()) {
                return aResponse().withStatus(599).withBody("the rule scripted no token answer").build();
            }
            next = tokenScript.size() > 1 ? tokenScript.remove(0) : tokenScript.get(0);
        }
        return next.answer(this, event);
    }

    /** The vendor's success answer with a newly issued token. */
    static ResponseDefinition success(Tck tck, ServeEvent request) {
        return tck.endpoint().success(tck.issue(true)).build();
    }

    /** The vendor's success answer in its {@code variant}-th shape (0: the main one) with a newly issued token. */
    static TokenAnswer successVariant(int variant) {
        return (tck, request) -> tck.endpoint().successVariants().get(variant).apply(tck.issue(true)).build();
    }

    /**
     * The vendor's success answer with every JSON member that carries the token removed; empty when
     * the answer is not JSON or the token is not in a JSON string of it.
     */
    Optional<ResponseDefinition> successWithoutToken() {
        IssuedToken token = issue(false);
        ResponseDefinition success = endpoint().success(token).build();
        String body = success.getBody();
        if (body == null) {
            return Optional.empty();
        }
        Object json;
        try {
            json = JacksonJson.INSTANCE.parse(body);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!(json instanceof Map) || !removeToken(json, token.value())) {
            return Optional.empty();
        }
        ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(success).withBody(JacksonJson.INSTANCE.write(json));
        return Optional.of(answer.build());
    }

    /** Removes, at any depth, the members whose text contains {@code token}; whether any was removed. */
    private static boolean removeToken(Object json, String token) {
        boolean removed = false;
        if (json instanceof Map<?, ?> object) {
            removed = object.values().removeIf(value -> value instanceof String text && text.contains(token));
            for (Object value : object.values()) {
                removed |= removeToken(value, token);
            }
        } else if (json instanceof List<?> array) {
            for (Object value : array) {
                removed |= removeToken(value, token);
            }
        }
        return removed;
    }

    static ResponseDefinition rejected(Tck tck, ServeEvent request) {
        return tck.endpoint().rejectedCredentials().build();
    }

    static ResponseDefinition serverError(Tck tck, ServeEvent request) {
        return tck.endpoint().serverError().build();
    }

    static TokenAnswer rateLimited(Duration retryAfter) {
        return (tck, request) -> tck.endpoint().rateLimited(retryAfter).build();
    }

    /** An error page from a proxy or a wrong URL: 200, HTML. */
    static ResponseDefinition html(Tck tck, ServeEvent request) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html><head><title>Sign in</title></head>"
                        + "<body><h1>Please sign in to continue</h1></body></html>")
                .build();
    }

    /** 200 with the vendor's content type and no body at all. */
    static ResponseDefinition empty(Tck tck, ServeEvent request) {
        ResponseDefinition success = tck.endpoint().success(tck.issue(false)).build();
        ResponseDefinitionBuilder empty = aResponse().withStatus(success.getStatus());
        contentType(success).ifPresent(type -> empty.withHeader("Content-Type", type));
        return empty.withBody("").build();
    }

    /** The vendor's success answer cut off in the middle. */
    static ResponseDefinition truncated(Tck tck, ServeEvent request) {
        ResponseDefinition success = tck.endpoint().success(tck.issue(false)).build();
        String body = success.getBody() == null ? "" : success.getBody();
        ResponseDefinitionBuilder cut = aResponse().withStatus(success.getStatus());
        contentType(success).ifPresent(type -> cut.withHeader("Content-Type", type));
        return cut.withBody(body.substring(0, body.length() / 2)).build();
    }

    /** The success answer, but only after {@code delay}. */
    static TokenAnswer delayed(Duration delay) {
        return (tck, request) -> ResponseDefinitionBuilder.like(success(tck, request))
                .withFixedDelay((int) delay.toMillis()).build();
    }

    static TokenAnswer redirectTo(String location) {
        return (tck, request) -> aResponse().withStatus(307).withHeader("Location", location).build();
    }

    private static Optional<String> contentType(ResponseDefinition definition) {
        if (definition.getHeaders() == null || !definition.getHeaders().getHeader("Content-Type").isPresent()) {
            return Optional.empty();
        }
        return Optional.of(definition.getHeaders().getHeader("Content-Type").firstValue());
    }

    /**
     * Issues the next token: opaque, or a JWT with {@code exp} when the vendor's tokens are JWTs and
     * the lifetime is known. {@code record} is false for tokens sent in answers meant to be unusable.
     */
    IssuedToken issue(boolean record) {
        synchronized (issued) {
            int sequence = issued.size() + 1;
            Instant now = clock.instant();
            Optional<Duration> life = lifetime;
            String nonce = HexFormat.of().formatHex(randomBytes(6));
            String value = fixture.tokenEndpoint().map(TokenEndpointFixture::tokenFormat)
                    .filter(format -> format == TokenEndpointFixture.TokenFormat.JWT && life.isPresent())
                    .map(format -> jwt(sequence, nonce, now, now.plus(life.get())))
                    .orElse("tck-access-" + sequence + "-" + nonce);
            Optional<String> refresh = fixture.refreshTokens().filter(RefreshTokenFixture::rotates)
                    .map(fixture -> "tck-refresh-" + sequence + "-" + HexFormat.of().formatHex(randomBytes(6)));
            IssuedToken token = new IssuedToken(sequence, value, now, life, refresh);
            secrets.add("access token " + sequence, value);
            refresh.ifPresent(rt -> secrets.add("refresh token " + sequence, rt));
            if (record) {
                issued.add(token);
            }
            return token;
        }
    }

    private static String jwt(int sequence, String nonce, Instant issuedAt, Instant expiresAt) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"sub\":\"apiauth-tck\",\"jti\":\"tck-" + sequence + "-" + nonce
                + "\",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        String signature = encoder.encodeToString(("tck-unsigned-" + nonce).getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + signature;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The issued token whose value the engine hands out, or a sequence-0 stand-in for static credentials. */
    IssuedToken issuedFor(AccessToken token) {
        for (IssuedToken candidate : issued) {
            if (candidate.value().equals(token.value())) {
                return candidate;
            }
        }
        return new IssuedToken(0, token.value(), token.issuedAt(),
                token.lifetime(), Optional.empty());
    }

    // ---------------------------------------------------------------- the fake API

    /** Stubs the fake API; each request gets the next answer, the last one repeats. */
    void apiAnswers(ApiAnswer... answers) {
        apiScript.clear();
        apiScript.addAll(List.of(answers));
        server.wireMock().stubFor(any(urlPathEqualTo(API_PATH))
                .willReturn(aResponse().withTransformers(TckServer.API_ANSWERS)));
    }

    /** The requests the fake API received, oldest first. */
    List<LoggedRequest> apiRequests() {
        List<LoggedRequest> requests = new ArrayList<>();
        for (LoggedRequest request : allRequests()) {
            if (request.getUrl().startsWith(API_PATH)) {
                requests.add(request);
            }
        }
        return requests;
    }

    private ResponseDefinition answerApi(ServeEvent event) {
        ApiAnswer next;
        synchronized (apiScript) {
            if (apiScript.isEmpty()) {
                return aResponse().withStatus(599).withBody("the rule scripted no API answer").build();
            }
            next = apiScript.size() > 1 ? apiScript.remove(0) : apiScript.get(0);
        }
        return next.answer(this, event.getRequest());
    }

    static ApiAnswer apiStatus(int status) {
        return (tck, request) -> aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(status < 300 ? "{\"ok\":true}" : "{\"error\":\"invalid_token\"}").build();
    }

    /** 200 when the request carries the declared headers of the newest issued token, else 401. */
    static ResponseDefinition latestTokenOnly(Tck tck, LoggedRequest request) {
        if (tck.issued.isEmpty()) {
            return apiStatus(401).answer(tck, request);
        }
        IssuedToken latest = tck.issued.get(tck.issued.size() - 1);
        Map<String, String> expected = tck.fixture.authorizedHeaders(latest);
        boolean carries = expected.entrySet().stream()
                .allMatch(header -> header.getValue().equals(request.getHeader(header.getKey())));
        return apiStatus(carries ? 200 : 401).answer(tck, request);
    }

    // ---------------------------------------------------------------- checks

    /**
     * WireMock's report of requests that matched no stub, with near misses, secrets redacted; empty
     * when there were none.
     */
    String unmatchedReport() {
        try {
            server.wireMock().checkForUnmatchedRequests();
            return "";
        } catch (VerificationException e) {
            // The report quotes whole requests, credentials included: show them as <setting ...>, and
            // say where redacted credentials differ, which the redacted report cannot show.
            String report = secrets.redact(e.getMessage());
            if (fixture.tokenEndpoint().isPresent()) {
                RequestPattern declared = endpoint().request().build().getRequest();
                List<LoggedRequest> unmatched = server.wireMock().findAllUnmatchedRequests();
                report += credentialDiff.differingLines(declared, unmatched)
                        + credentialDiff.explain(declared, unmatched);
            }
            return report;
        }
    }

    /** Names and values of secret settings, from the fixture and the provider's declarations. */
    Map<String, String> secretSettingValues() {
        Set<String> names = new LinkedHashSet<>(fixture.secretSettings());
        try {
            provider.info().settings().stream().filter(Setting::secret).map(Setting::name).forEach(names::add);
        } catch (RuntimeException ignored) {
            // a provider whose info() fails is reported by R1.4; the fixture's names still count
        }
        Map<String, String> values = new LinkedHashMap<>();
        names.forEach(name -> {
            if (settings.containsKey(name)) {
                values.put(name, settings.get(name));
            }
        });
        return values;
    }

    private void collectSecrets() {
        Map<String, String> secretValues = secretSettingValues();
        secretValues.forEach((name, value) -> secrets.add("setting '" + name + "'", value));
        fixture.refreshTokens().ifPresent(refresh -> {
            secrets.add("the refresh token", refresh.refreshToken());
            refresh.storedSecrets().forEach((key, value) -> secrets.add("stored secret '" + key + "'", value));
        });
        List<String> companions = new ArrayList<>(settings.values());
        secrets.companions(companions);
    }

    @Override
    public void close() {
        List<Throwable> problems = new ArrayList<>();
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
