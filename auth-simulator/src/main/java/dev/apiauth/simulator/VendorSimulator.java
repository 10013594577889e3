package dev.apiauth.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.apiauth.shapes.DocoonShapes;
import dev.apiauth.shapes.DocplannerShapes;
import dev.apiauth.shapes.DomoShapes;
import dev.apiauth.shapes.DooShapes;
import dev.apiauth.shapes.DotyposShapes;
import dev.apiauth.shapes.VendorResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Offline simulations of the five vendors ({@code doo}, {@code docplanner}, {@code domo},
 * {@code docoon}, {@code dotypos}) served over plain HTTP on {@code 127.0.0.1} at a free port. Each
 * vendor's token endpoint answers as the vendor does, accepting only the account it was configured
 * with (fixed demo accounts unless the builder sets others); each vendor has one protected API
 * endpoint that checks the issued token and answers 401 (Dotypos: 403) once it expired.
 *
 * <pre>{@code
 * try (VendorSimulator vendors = VendorSimulator.start();
 *      Credentials domo = Credentials.builder(AuthProviders.discover().get("domo"))
 *              .settings(vendors.settingsFor("domo"))
 *              .build()) {
 *     HttpResponse<String> users = JdkHttpAuth.of(domo).send(http,
 *             HttpRequest.newBuilder(vendors.apiUri("domo")).build(), BodyHandlers.ofString());
 *     vendors.expireAllTokens();   // the next call earns a 401; the integration fetches a new token
 * }
 * }</pre>
 *
 * <p>Tokens expire by the simulator's {@link Clock} (give tests a fake one) or at once with
 * {@link #expireAllTokens()}. Thread-safe. {@link #close()} stops the server and its threads.
 */
public final class VendorSimulator implements AutoCloseable {
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final URI baseUri;
    private final SimulatorContext context;
    private final Map<String, Simulation> simulations;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VendorSimulator(Builder builder) throws IOException {
        Map<String, Duration> lifetimes = new HashMap<>(builder.lifetimes);
        this.context = new SimulatorContext(builder.clock, lifetimes);
        Map<String, Simulation> byId = new LinkedHashMap<>();
        for (Simulation simulation : List.of(
                new DooSimulation(context, builder.dooClientId, builder.dooClientSecret, builder.dooApiKey),
                new DocplannerSimulation(context, builder.docplannerClientId, builder.docplannerClientSecret),
                new DomoSimulation(context, builder.domoClientId, builder.domoClientSecret),
                new DocoonSimulation(context, builder.docoonClientId, builder.docoonClientSecret, builder.docoonLogin,
                        builder.docoonPassword, builder.docoonApiKey),
                new DotyposSimulation(context, builder.dotyposClientId, builder.dotyposClientSecret,
                        builder.dotyposRefreshToken, builder.dotyposCloudId))) {
            byId.put(simulation.id(), simulation);
        }
        this.simulations = Collections.unmodifiableMap(byId);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = server.getAddress().getPort();
        this.baseUri = URI.create("http://127.0.0.1:" + port);
        AtomicInteger threadCount = new AtomicInteger();
        // Daemon threads: a simulator a test forgot to close does not keep the JVM alive.
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "vendor-simulator-" + port + "-" + threadCount.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts a simulator with the demo accounts, each vendor's default token lifetime and the system clock. */
    public static VendorSimulator start() {
        return builder().build();
    }

    /** Configures a simulator; {@link Builder#build()} starts it. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the simulator listens, e.g. {@code http://127.0.0.1:41234}; vendor {@code x} is under {@code /x/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The simulated providers' ids, in a fixed order: doo, docplanner, domo, docoon, dotypos. */
    public Set<String> providerIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(simulations.keySet()));
    }

    /**
     * The ways the provider can be configured against its simulation, the default first:
     * docoon's modes {@code password}, {@code basic}, {@code apikey}; Docplanner's client
     * authentication {@code basic}, {@code body}; Domo's token method {@code get}, {@code post};
     * Dotypos' consent flavour {@code legacy}, {@code v2}; doo's {@code default}.
     *
     * @throws IllegalArgumentException for an id the simulator does not serve
     */
    public List<String> variants(String providerId) {
        return simulation(providerId).variants();
    }

    /**
     * Complete settings for the provider of that id, pointing at this simulator, with the account
     * the simulator accepts; the default variant (for docoon mode {@code password}). Dotypos' include
     * the refresh token its consent would yield, so no browser is needed; doo's turn pacing off
     * ({@code pace-requests=false}) because the simulator does not enforce doo's rate limit.
     *
     * @throws IllegalArgumentException for an id the simulator does not serve
     */
    public Map<String, String> settingsFor(String providerId) {
        return settingsFor(providerId, variants(providerId).get(0));
    }

    /**
     * Complete settings for one variant (see {@link #variants(String)}), e.g.
     * {@code settingsFor("docoon", "basic")}.
     *
     * @throws IllegalArgumentException for an unknown id or variant
     */
    public Map<String, String> settingsFor(String providerId, String variant) {
        Simulation simulation = simulation(providerId);
        return Collections.unmodifiableMap(new LinkedHashMap<>(
                simulation.settings(vendorBase(providerId), checkedVariant(simulation, variant))));
    }

    /** The protected API endpoint of the provider's default variant, for an authorized {@code GET}. */
    public URI apiUri(String providerId) {
        return apiUri(providerId, variants(providerId).get(0));
    }

    /**
     * The protected API endpoint of one variant; only docoon's differs: mode {@code apikey} is for
     * the GraphQL API, the other modes for the REST API.
     */
    public URI apiUri(String providerId, String variant) {
        Simulation simulation = simulation(providerId);
        return simulation.apiUri(vendorBase(providerId), checkedVariant(simulation, variant));
    }

    /** Dotypos' documented connector page ({@code GET} with client id and secret in the query). */
    public URI dotyposConsentUri() {
        return URI.create(vendorBase(DotyposSimulation.ID) + "/client/connect");
    }

    /** Dotypos' current connector page (signed form {@code POST}). */
    public URI dotyposConsentV2Uri() {
        return URI.create(vendorBase(DotyposSimulation.ID) + "/client/connect/v2");
    }

    /**
     * Every access token issued so far counts as expired from now on: the APIs reject them and the
     * token endpoints issue new ones. Static credentials (docoon modes {@code basic} and
     * {@code apikey}) and Dotypos' refresh token are not tokens and stay valid.
     */
    public void expireAllTokens() {
        context.tokens.expireAll();
    }

    /** Requests that reached the provider's token endpoint so far, accepted or not. */
    public int tokenRequests(String providerId) {
        simulation(providerId);
        return context.tokenRequests(providerId);
    }

    /** Requests that reached the provider's protected API endpoints so far, authorized or not. */
    public int apiRequests(String providerId) {
        simulation(providerId);
        return context.apiRequests(providerId);
    }

    /** Forgets every issued token (the APIs no longer know them) and sets the counters back to zero. */
    public void reset() {
        context.tokens.clear();
        context.resetCounters();
    }

    /** Stops serving and ends the simulator's threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "VendorSimulator[" + baseUri + ", providers=" + simulations.keySet() + (closed.get() ? ", closed" : "")
                + "]";
    }

    private Simulation simulation(String providerId) {
        Simulation simulation = simulations.get(Objects.requireNonNull(providerId, "providerId"));
        if (simulation == null) {
            throw new IllegalArgumentException("the simulator has no provider '" + providerId + "'; it simulates "
                    + simulations.keySet());
        }
        return simulation;
    }

    private static String checkedVariant(Simulation simulation, String variant) {
        if (!simulation.variants().contains(Objects.requireNonNull(variant, "variant"))) {
            throw new IllegalArgumentException("provider '" + simulation.id() + "' has no simulated variant '" + variant
                    + "'; use one of " + simulation.variants());
        }
        return variant;
    }

    private URI vendorBase(String providerId) {
        return URI.create(baseUri + "/" + providerId);
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            VendorResponse response;
            try {
                response = route(exchange);
            } catch (Request.BodyTooLargeException e) {
                response = new VendorResponse(413, "text/plain; charset=utf-8", e.getMessage() + "\n");
            } catch (RuntimeException e) {
                response = new VendorResponse(500, "text/plain; charset=utf-8",
                        "Simulator failure: " + e.getClass().getSimpleName() + "\n");
            }
            send(exchange, response);
        } catch (IOException | RuntimeException e) {
            // The client went away; there is nobody left to answer.
        }
    }

    private VendorResponse route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int slash = path.indexOf('/', 1);
        String vendor = slash < 0 ? path.substring(1) : path.substring(1, slash);
        Simulation simulation = simulations.get(vendor);
        VendorResponse response = simulation == null ? null
                : simulation.handle(Request.read(exchange, slash < 0 ? "" : path.substring(slash)), vendorBase(vendor));
        return response != null ? response
                : new VendorResponse(404, "text/plain; charset=utf-8", "The simulator has no endpoint at " + path + "\n");
    }

    private static void send(HttpExchange exchange, VendorResponse response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Configures a {@link VendorSimulator}: clock, token lifetimes, and the account each vendor
     * accepts (the demo accounts of the {@code *Shapes} classes unless set here).
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private final Map<String, Duration> lifetimes = new HashMap<>(Map.of(
                DooSimulation.ID, DooShapes.DEFAULT_LIFETIME,
                DocplannerSimulation.ID, DocplannerShapes.DEFAULT_LIFETIME,
                DomoSimulation.ID, DomoShapes.DEFAULT_LIFETIME,
                DocoonSimulation.ID, DocoonShapes.DEFAULT_LIFETIME,
                DotyposSimulation.ID, DotyposShapes.DEFAULT_LIFETIME));
        private String dooClientId = DooShapes.DEMO_CLIENT_ID;
        private String dooClientSecret = DooShapes.DEMO_CLIENT_SECRET;
        private String dooApiKey = DooShapes.DEMO_API_KEY;
        private String docplannerClientId = DocplannerShapes.DEMO_CLIENT_ID;
        private String docplannerClientSecret = DocplannerShapes.DEMO_CLIENT_SECRET;
        private String domoClientId = DomoShapes.DEMO_CLIENT_ID;
        private String domoClientSecret = DomoShapes.DEMO_CLIENT_SECRET;
        private String docoonClientId = DocoonShapes.DEMO_CLIENT_ID;
        private String docoonClientSecret = DocoonShapes.DEMO_CLIENT_SECRET;
        private String docoonLogin = DocoonShapes.DEMO_LOGIN;
        private String docoonPassword = DocoonShapes.DEMO_PASSWORD;
        private String docoonApiKey = DocoonShapes.DEMO_API_KEY;
        private String dotyposClientId = DotyposShapes.DEMO_CLIENT_ID;
        private String dotyposClientSecret = DotyposShapes.DEMO_CLIENT_SECRET;
        private String dotyposRefreshToken = DotyposShapes.DEMO_REFRESH_TOKEN;
        private String dotyposCloudId = DotyposShapes.DEMO_CLOUD_ID;

        private Builder() {
        }

        /** The clock tokens are issued and expire by; the system clock by default, a fake one in tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The lifetime of every vendor's tokens, instead of each vendor's documented default. */
        public Builder tokenLifetime(Duration lifetime) {
            Duration checked = checkedLifetime(lifetime);
            lifetimes.replaceAll((id, previous) -> checked);
            return this;
        }

        /**
         * The lifetime of one vendor's tokens.
         *
         * @throws IllegalArgumentException for an id the simulator does not serve
         */
        public Builder tokenLifetime(String providerId, Duration lifetime) {
            if (!lifetimes.containsKey(Objects.requireNonNull(providerId, "providerId"))) {
                throw new IllegalArgumentException("the simulator has no provider '" + providerId + "'; it simulates "
                        + lifetimes.keySet().stream().sorted().toList());
            }
            lifetimes.put(providerId, checkedLifetime(lifetime));
            return this;
        }

        /** The doo account the simulation accepts. */
        public Builder doo(String clientId, String clientSecret, String apiKey) {
            this.dooClientId = required("doo client id", clientId);
            this.dooClientSecret = required("doo client secret", clientSecret);
            this.dooApiKey = required("doo API key", apiKey);
            return this;
        }

        /** The Docplanner client the simulation accepts. */
        public Builder docplanner(String clientId, String clientSecret) {
            this.docplannerClientId = required("Docplanner client id", clientId);
            this.docplannerClientSecret = required("Docplanner client secret", clientSecret);
            return this;
        }

        /** The Domo client the simulation accepts (granted the scopes {@code data} and {@code user}). */
        public Builder domo(String clientId, String clientSecret) {
            this.domoClientId = required("Domo client id", clientId);
            this.domoClientSecret = required("Domo client secret", clientSecret);
            return this;
        }

        /**
         * The Docoon account: the OAuth client and user of mode {@code password}, the same user for
         * mode {@code basic}, and the GraphQL API key of mode {@code apikey}.
         *
         * @param login the login without the {@code msg\} domain
         */
        public Builder docoon(String clientId, String clientSecret, String login, String password, String apiKey) {
            this.docoonClientId = required("Docoon client id", clientId);
            this.docoonClientSecret = required("Docoon client secret", clientSecret);
            this.docoonLogin = required("Docoon login", login);
            if (login.contains(":")) {
                throw new IllegalArgumentException("the Docoon login must not contain ':', which HTTP Basic cannot carry");
            }
            this.docoonPassword = required("Docoon password", password);
            this.docoonApiKey = required("Docoon API key", apiKey);
            return this;
        }

        /**
         * The Dotypos client application, and the refresh token and cloud its consent grants.
         *
         * @param refreshToken visible ASCII without spaces, as it travels in a header
         * @param cloudId a numeric cloud id, as Dotypos issues them
         */
        public Builder dotypos(String clientId, String clientSecret, String refreshToken, String cloudId) {
            this.dotyposClientId = required("Dotypos client id", clientId);
            this.dotyposClientSecret = required("Dotypos client secret", clientSecret);
            this.dotyposRefreshToken = required("Dotypos refresh token", refreshToken);
            if (!refreshToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("the Dotypos refresh token must be visible ASCII without spaces");
            }
            this.dotyposCloudId = required("Dotypos cloud id", cloudId);
            if (!cloudId.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("the Dotypos cloud id must be a whole number, got '" + cloudId + "'");
            }
            return this;
        }

        /**
         * Binds to a free port on {@code 127.0.0.1} and starts serving: the returned simulator is running.
         *
         * @throws UncheckedIOException when no loopback port can be bound
         */
        public VendorSimulator build() {
            try {
                return new VendorSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("the vendor simulator could not bind a port on 127.0.0.1", e);
            }
        }

        private static Duration checkedLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.getNano() != 0) {
                throw new IllegalArgumentException("a token lifetime must be whole seconds, at least 1 s (tokens carry"
                        + " exp and expires_in in seconds), got " + lifetime);
            }
            return lifetime;
        }

        private static String required(String what, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the " + what + " must not be empty");
            }
            return value;
        }
    }
}
