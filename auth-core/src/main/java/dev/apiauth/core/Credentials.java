package dev.apiauth.core;

import dev.apiauth.core.store.InMemorySecretStore;
import dev.apiauth.core.transport.HttpTokenEndpoint;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.core.internal.SharedExecutor;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import dev.apiauth.spi.TokenEndpoint;
import dev.apiauth.spi.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One configured account of one provider: the handle applications keep and share between threads.
 * It hands out the headers for a request ({@link #headers()}, lock-free while the token is fresh),
 * refreshes tokens ahead of expiry in the background, lets any number of concurrent callers cause at
 * most one token request, and replaces a token the API rejected ({@link #rejected(Authorization)}).
 *
 * <pre>{@code
 * try (Credentials credentials = Credentials.builder(providers.get("domo"))
 *         .settings(Settings.fromEnvironment("domo"))
 *         .build()) {
 *     credentials.headers().forEach(request::setHeader);
 * }
 * }</pre>
 *
 * <p>{@link #close()} releases what the account holds: its subscription to the fleet's
 * {@link RejectionNotices}, the transport the engine created, and its share of the engine's threads
 * ({@code apiauth-timer} for state flips and call deadlines, {@code apiauth-refresh-N}), which end when
 * the last account of the JVM closes. No thread is started before an account needs it.
 */
@Api(status = Api.Status.STABLE)
public final class Credentials implements AutoCloseable {
    /**
     * Background refreshes of every account using the default executor. Idle threads end after
     * 30 s, and all of them with the last account's close.
     */
    static final SharedExecutor<ExecutorService> REFRESH_POOL = new SharedExecutor<>("apiauth-refresh", true,
            threads -> new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads));

    private final AuthProvider provider;
    private final ProviderSettings settings;
    private final TokenLifecycle lifecycle;
    private final RequestPacer pacer;
    private final RejectionListener rejectionListener;
    private final RejectionNotices.Registration registration;
    private final AutoCloseable ownedTransport;
    private final SharedExecutor.Lease<ExecutorService> refreshLease;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Takes the parts {@link #assemble} made; starts nothing and publishes nothing. */
    private Credentials(AuthProvider provider, ProviderSettings settings, TokenLifecycle lifecycle, RequestPacer pacer,
            RejectionListener rejectionListener, RejectionNotices.Registration registration,
            AutoCloseable ownedTransport, SharedExecutor.Lease<ExecutorService> refreshLease) {
        this.provider = provider;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.pacer = pacer;
        this.rejectionListener = rejectionListener;
        this.registration = registration;
        this.ownedTransport = ownedTransport;
        this.refreshLease = refreshLease;
    }

    /**
     * The one place an account is put together, each part from the ones before it: the provider
     * context (token endpoint, JSON, clock, scoped secret store), the provider's token source, the
     * pacer on the source's rate budget, the lifecycle on all of them, and last the subscription to
     * the fleet's rejection notices. Nothing is set on a part after it is made. When a step fails,
     * what the steps before it took (the engine's transport, the refresh pool lease) is given back.
     */
    private static Credentials assemble(Builder builder, ProviderSettings settings) {
        AuthProvider provider = builder.provider;
        String id = provider.id();
        String accountKey = accountKey(id, settings);
        HttpTokenEndpoint owned = builder.tokenEndpoint == null ? builder.transport.providerId(id).build() : null;
        SharedExecutor.Lease<ExecutorService> refreshLease = null;
        try {
            ProviderContext context = new EngineContext(id, owned != null ? owned : builder.tokenEndpoint, builder.json,
                    builder.clock, new ScopedSecretStore(id, builder.secretStore));
            TokenSource source = provider.createTokenSource(settings, context);
            if (source == null) {
                throw new NullPointerException("provider " + id + " created no token source");
            }
            RequestPacer pacer = builder.pacing
                    ? RequestPacer.of(id, source.rateLimitScope(), source.rateLimits(), builder.rateBudgets,
                            builder.clock, builder.sleeper, builder.maxPacingWait)
                    : RequestPacer.none();
            Executor background = builder.background;
            if (background == null) {
                SharedExecutor.Lease<ExecutorService> lease = REFRESH_POOL.acquire();
                refreshLease = lease;
                background = task -> lease.executor().execute(task); // the pool starts with the first refresh
            }
            // The provider's own maximum age (doo's max-token-age) and the policy's: the shorter wins.
            RefreshPolicy refreshPolicy = builder.refreshPolicy.withMaxTokenAgeAtMost(source.maxTokenAge());
            TokenLifecycle lifecycle = new TokenLifecycle(new TokenLifecycle.Config(id, accountKey, source, pacer,
                    builder.clock, refreshPolicy, builder.retryPolicy, background, builder.sleeper,
                    builder.listener, builder.sharedTokens));
            RejectionListener rejectionListener = lifecycle::rejectedElsewhere;
            RejectionNotices.Registration registration;
            try {
                registration = Objects.requireNonNull(builder.rejections.subscribe(accountKey, rejectionListener),
                        "the rejection notices returned no registration");
            } catch (RuntimeException | Error e) {
                lifecycle.close();
                throw e;
            }
            return new Credentials(provider, settings, lifecycle, pacer, rejectionListener, registration, owned,
                    refreshLease);
        } catch (RuntimeException | Error e) {
            if (refreshLease != null) {
                refreshLease.close();
            }
            if (owned != null) {
                try {
                    owned.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /**
     * Starts configuring an account of {@code provider}.
     *
     * @param provider the provider, e.g. from {@link AuthProviders#get(String)}
     * @return a builder with production defaults; {@link Builder#build()} validates the settings
     * @throws NullPointerException if {@code provider} is null
     */
    public static Builder builder(AuthProvider provider) {
        return new Builder(provider);
    }

    /** {@return the provider's id, e.g. {@code "domo"}} */
    public String providerId() {
        return provider.id();
    }

    /** {@return the provider's description: its settings, documentation and token-rejected statuses} */
    public ProviderInfo info() {
        return provider.info();
    }

    /** {@return the validated settings (secrets print redacted)} */
    public ProviderSettings settings() {
        return settings;
    }

    /**
     * The current token and its headers; fetches when there is none or it expired, and starts a
     * background refresh when it is stale. Cheap while the token is fresh: call it per request.
     *
     * @return the usable authorization; pass it to {@link #rejected(Authorization)} if the API refuses it
     * @throws dev.apiauth.spi.AuthException when no token can be obtained
     */
    public Authorization authorization() {
        return lifecycle.authorization();
    }

    /**
     * {@return the headers an authorized request carries now (e.g. {@code Authorization}, doo's
     * {@code x-api-key})} Fetches a token when needed, like {@link #authorization()}.
     *
     * @throws dev.apiauth.spi.AuthException when no token can be obtained
     */
    public Map<String, String> headers() {
        return lifecycle.authorization().headers();
    }

    /**
     * {@return the current token, fetched if needed}
     *
     * @throws dev.apiauth.spi.AuthException when no token can be obtained
     */
    public AccessToken token() {
        return lifecycle.authorization().token();
    }

    /** {@return the current authorization if one is usable now; never fetches or blocks} */
    public Optional<Authorization> peek() {
        return lifecycle.peek();
    }

    /**
     * Reports that the API rejected {@code used} (a 401, or a provider's other "token expired"
     * status). Only if it is still the current token is it dropped, so many requests failing with
     * the same old token cause one new token request, not many.
     *
     * @param used the authorization the rejected request carried
     * @return whether this call dropped the current token
     */
    public boolean rejected(Authorization used) {
        return lifecycle.rejected(used);
    }

    /** Drops the current token unconditionally; the next request fetches a new one. */
    public void invalidate() {
        lifecycle.invalidate();
    }

    /**
     * Waits until the provider's rate budget allows one more API request (doo: 1/s, 1000/day per
     * API key), shared by every account with the same budget in the JVM (or the fleet, with the
     * {@linkplain Builder#rateBudgets(RateBudgets) rate budgets} of {@code auth-redis}). The engine's
     * HTTP integrations call it before each request; call it yourself when you use {@link #headers()}
     * with another client. Each token request the engine makes takes a permit of the same budget.
     * Returns at once for providers without a budget.
     *
     * @throws dev.apiauth.spi.TransientAuthException when the wait would exceed the maximum pacing wait
     */
    public void pace() {
        pacer.acquire();
    }

    /**
     * The listener through which other instances' rejections reach this account: it drops the
     * current token when it is the one rejected. Already subscribed to the
     * {@linkplain Builder#rejectionNotices(RejectionNotices) notices it was built with} until
     * {@link #close()}; subscribe it to others to follow them too.
     *
     * @return this account's listener
     */
    public RejectionListener rejectionListener() {
        return rejectionListener;
    }

    /** {@return the API statuses that mean the token is no longer accepted (401, plus what the provider declares)} */
    public Set<Integer> tokenRejectedStatuses() {
        return provider.info().tokenRejectedStatuses();
    }

    /**
     * Releases the account: closes its subscription to the fleet's {@link RejectionNotices}, cancels
     * its scheduled work, closes the token-endpoint transport the engine created (not one passed to
     * the builder) and gives back its share of the engine's threads; the last account of the JVM to
     * close ends them. Closing twice does nothing more. Afterwards no new token can be fetched
     * through an engine-created transport.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            registration.close();
        } finally {
            lifecycle.close();
            try {
                if (ownedTransport != null) {
                    ownedTransport.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException("closing the token endpoint transport failed", e);
            } finally {
                if (refreshLease != null) {
                    refreshLease.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Credentials[" + provider.id() + ", " + settings + "]";
    }

    /**
     * The key under which a provider's secret {@code key} (as the provider reads it from
     * {@link ProviderContext#secretStore()}) is kept in the store passed to
     * {@link Builder#secretStore(SecretStore)}: {@code <providerId>.<key>}. Use it to seed or inspect
     * a store, e.g. after a consent step.
     *
     * @param providerId the provider's id, e.g. {@code "docplanner"}
     * @param key the key the provider uses, e.g. {@code "refresh-token"}
     * @return the key in the application's store
     */
    public static String secretStoreKey(String providerId, String key) {
        return SecretStore.providerKey(providerId, key);
    }

    /**
     * The provider id and a fingerprint of every setting value: equal for instances configured
     * alike, so a fleet can share the account's token, and not reversible to any secret.
     */
    static String accountKey(String providerId, ProviderSettings settings) {
        StringBuilder values = new StringBuilder();
        for (dev.apiauth.spi.Setting setting : settings.info().settings()) {
            Optional<String> value = settings.find(setting.name());
            if (value.isPresent()) {
                values.append(setting.name()).append('=').append(value.get().length()).append(':').append(value.get())
                        .append('\n');
            }
        }
        return providerId + ":" + (values.length() == 0 ? "default" : Secret.of(values.toString()).fingerprint());
    }

    /** Configures {@link Credentials}; every part has a production default. */
    public static final class Builder {
        private final AuthProvider provider;
        private Settings settings = Settings.empty();
        private Clock clock = Clock.systemUTC();
        private RefreshPolicy refreshPolicy = RefreshPolicy.defaults();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Executor background; // null: the engine's shared pool
        private Sleeper sleeper = Sleeper.system();
        private AuthListener listener = AuthListener.none();
        private TokenEndpoint tokenEndpoint;
        private HttpTokenEndpoint.Builder transport = HttpTokenEndpoint.builder();
        private SecretStore secretStore = new InMemorySecretStore();
        private Json json = JacksonJson.INSTANCE;
        private boolean pacing = true;
        private SharedTokens sharedTokens = SharedTokens.local();
        private RateBudgets rateBudgets = RateBudgets.local();
        private RejectionNotices rejections = RejectionNotices.none();
        private Duration maxPacingWait = Duration.ofSeconds(30);

        private Builder(AuthProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /**
         * Sets the account's settings; they are validated by {@link #build()}.
         *
         * @param values the settings, named as the provider declares them
         * @return this builder
         */
        public Builder settings(Settings values) {
            this.settings = Objects.requireNonNull(values, "settings");
            return this;
        }

        /**
         * Sets the account's settings from a map; same as {@code settings(Settings.of(values))}.
         *
         * @param values setting name to value
         * @return this builder
         * @throws NullPointerException naming the setting whose name or value is null
         */
        public Builder settings(Map<String, String> values) {
            return settings(Settings.of(values));
        }

        /**
         * Sets the clock that expiry, staleness and rate budgets are measured with; a fake one in tests.
         *
         * @param value the clock; system UTC by default
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets when tokens count as stale and are refreshed ahead of expiry. A provider's own
         * maximum token age still applies when it is shorter than the policy's.
         *
         * @param policy the policy; {@link RefreshPolicy#defaults()} by default
         * @return this builder
         */
        public Builder refreshPolicy(RefreshPolicy policy) {
            this.refreshPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets how failed token requests are retried.
         *
         * @param policy the policy; {@link RetryPolicy#defaults()} by default
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Where background refreshes run; by default a pool of daemon threads shared by the JVM's
         * accounts. An executor passed here is the caller's to shut down.
         *
         * @param executor runs background refreshes
         * @return this builder
         */
        public Builder backgroundExecutor(Executor executor) {
            this.background = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how the engine waits, between retries and for the rate budget; tests pass one that
         * advances their fake clock.
         *
         * @param value the sleeper; {@link Sleeper#system()} by default
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Sets who is told of token fetches, refreshes and rejections, e.g. for metrics or logs.
         *
         * @param value the listener; called on the thread that did the work, so it must be thread-safe
         *     and quick; {@link AuthListener#none()} by default
         * @return this builder
         */
        public Builder listener(AuthListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Sets the options of the default HttpClient 5 transport (timeouts, TLS, size cap). Ignored
         * when {@link #tokenEndpoint(TokenEndpoint)} is set.
         *
         * @param options the transport's builder; the engine builds and closes the transport
         * @return this builder
         */
        public Builder transport(HttpTokenEndpoint.Builder options) {
            this.transport = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Replaces the transport entirely; the caller keeps ownership and closes it.
         *
         * @param endpoint the transport for token requests
         * @return this builder
         */
        public Builder tokenEndpoint(TokenEndpoint endpoint) {
            this.tokenEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Whether requests are paced to the provider's rate budget (on by default). Turn off only
         * when something else already paces them, e.g. a fleet-wide limiter.
         *
         * @param enabled whether to pace
         * @return this builder
         */
        public Builder pacing(boolean enabled) {
            this.pacing = enabled;
            return this;
        }

        /**
         * Sets the longest {@link Credentials#pace()} and token requests wait for the rate budget
         * before failing with a {@link dev.apiauth.spi.TransientAuthException}.
         *
         * @param wait the maximum wait, zero or more; 30 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code wait} is negative
         */
        public Builder maxPacingWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("maxPacingWait must not be negative: " + wait);
            }
            this.maxPacingWait = wait;
            return this;
        }

        /**
         * Where state shared by a fleet lives, all three parts at once: the current token, rate
         * budgets and rejection notices; this JVM only by default. See {@code auth-redis}.
         *
         * @param state the fleet's shared state; replaces what {@link #sharedTokens}, {@link #rateBudgets}
         *     and {@link #rejectionNotices} set before
         * @return this builder
         */
        public Builder sharedState(SharedState state) {
            Objects.requireNonNull(state, "state");
            return sharedTokens(state.tokens()).rateBudgets(state.rateBudgets()).rejectionNotices(state.rejections());
        }

        /**
         * Sets how instances of a fleet coordinate the account's token; each fetches its own by default.
         *
         * @param tokens the shared tokens
         * @return this builder
         */
        public Builder sharedTokens(SharedTokens tokens) {
            this.sharedTokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /**
         * Sets where the provider's rate budgets live; in this JVM by default.
         *
         * @param budgets the rate budgets
         * @return this builder
         */
        public Builder rateBudgets(RateBudgets budgets) {
            this.rateBudgets = Objects.requireNonNull(budgets, "budgets");
            return this;
        }

        /**
         * Sets how rejections reported by other instances reach the account; none by default.
         *
         * @param notices the rejection notices; the account subscribes on {@link #build()}
         * @return this builder
         */
        public Builder rejectionNotices(RejectionNotices notices) {
            this.rejections = Objects.requireNonNull(notices, "notices");
            return this;
        }

        /**
         * Sets where long-lived secrets such as refresh tokens are kept; in memory by default.
         * Keys are scoped per provider, see {@link Credentials#secretStoreKey(String, String)}.
         *
         * @param store the secret store
         * @return this builder
         */
        public Builder secretStore(SecretStore store) {
            this.secretStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Validates the settings and creates the account.
         *
         * @return the account; close it when done
         * @throws dev.apiauth.spi.InvalidSettingsException listing every problem with the settings
         */
        public Credentials build() {
            return assemble(this, settings.validate(provider));
        }
    }

    private record EngineContext(String providerId, TokenEndpoint tokenEndpoint, Json json, Clock clock,
            SecretStore secretStore) implements ProviderContext {
    }

    /** Keeps one provider's keys apart from another's in a shared store. */
    private record ScopedSecretStore(String providerId, SecretStore delegate) implements SecretStore {
        @Override
        public Optional<Secret> load(String key) {
            return delegate.load(scoped(key));
        }

        @Override
        public void save(String key, Secret value) {
            delegate.save(scoped(key), value);
        }

        @Override
        public void remove(String key) {
            delegate.remove(scoped(key));
        }

        private String scoped(String key) {
            return secretStoreKey(providerId, key);
        }
    }
}
