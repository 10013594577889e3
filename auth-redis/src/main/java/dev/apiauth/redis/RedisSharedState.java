package dev.apiauth.redis;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.SharedState;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.RateLimit;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.internal.SettingValues;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares what a fleet of instances must agree on through Redis: the current token of each
 * account, its refresh token ({@link #secretStore()}) and the rate budgets.
 *
 * <pre>{@code
 * RedisSharedState fleet = RedisSharedState.builder()
 *         .settings(Settings.fromEnvironment("redis"))   // APIAUTH_REDIS_URI, APIAUTH_REDIS_ENCRYPTION_KEY, ...
 *         .build();
 * Credentials credentials = Credentials.builder(provider).settings(settings)
 *         .sharedState(fleet).secretStore(fleet.secretStore()).build();
 * // credentials now follows the fleet: a token rejected anywhere is dropped here too,
 * // until credentials.close()
 * }</pre>
 *
 * <p>The engine asks only when this instance needs a new token, so requests never wait on Redis
 * while the token is fresh. Then the token in Redis is taken when it is usable and newer than
 * this instance's; otherwise one instance of the fleet takes a lease (with a fencing number) and
 * fetches, the others wait for its token up to {@link Builder#waitTime(Duration) the wait time}.
 * Tokens and secrets are stored AES-256-GCM encrypted. When Redis cannot be reached every
 * instance works alone (fetching its own tokens, pacing alone) after one warning, and shares
 * again once Redis answers. Thread-safe; one per application is enough, however many accounts.
 */
public final class RedisSharedState implements SharedState, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedState.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);
    private static final Duration UNKNOWN_LIFETIME_TTL = Duration.ofDays(1);
    private static final long POLL_MILLIS = 50;

    private final RedisLink link;
    private final Encryption encryption;
    private final String prefix;
    private final Duration leaseTime;
    private final Duration waitTime;
    private final Duration commandTimeout;
    private final Clock clock;
    private final RedisSecretStore secretStore;
    /** Identity set: {@code Credentials} does not override {@code equals}, and following twice is one registration. */
    private final Set<Credentials> followed = ConcurrentHashMap.newKeySet();
    private final Object stored = new Object();
    private Budgets budgets;

    private RedisSharedState(Builder builder, RedisURI uri, Encryption encryption) {
        this.encryption = encryption;
        this.prefix = builder.keyPrefix;
        this.leaseTime = builder.leaseTime;
        this.waitTime = builder.waitTime;
        this.commandTimeout = builder.commandTimeout;
        this.clock = builder.clock;
        this.link = new RedisLink(uri, builder.commandTimeout, builder.connectTimeout, builder.retryInterval,
                prefix + "events", (channel, message) -> onMessage(message));
        this.secretStore = new RedisSecretStore(link, encryption, prefix + "secret:");
    }

    /** Starts the configuration; {@link Builder#redisUri} and {@link Builder#encryptionKey} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A {@link dev.apiauth.spi.SecretStore} in the same Redis, encrypted the same way: one refresh
     * token for the whole fleet (Dotypos). Pass it to {@code Credentials.Builder.secretStore}.
     */
    public RedisSecretStore secretStore() {
        return secretStore;
    }

    /**
     * Makes a rejection announced by any instance of the fleet drop {@code credentials}' token
     * too, when it holds the very token rejected, so this instance does not first fail a request
     * with it. Without it an instance learns only from its own 401, and then takes the fleet's
     * new token instead of fetching one.
     *
     * <p>Every {@code Credentials} built with this state already follows from its construction
     * until its {@link Credentials#close() close()}: call this only for one built with another
     * state. Following one twice registers it once.
     *
     * @return closes to stop following
     */
    public Following follow(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        followed.add(credentials);
        return () -> followed.remove(credentials);
    }

    /** Every {@link Credentials} built with this state follows the fleet's rejections until it closes. */
    @Override
    public void attach(String accountKey, Credentials credentials) {
        follow(credentials);
    }

    /** A closed {@link Credentials} is forgotten, so a long-lived fleet instance does not keep every account it ever had. */
    @Override
    public void detach(String accountKey, Credentials credentials) {
        followed.remove(credentials);
    }

    /** How many {@code Credentials} follow the fleet's rejections now; for tests and diagnostics. */
    int following() {
        return followed.size();
    }

    /** Stops following one {@link Credentials}; see {@link #follow(Credentials)}. */
    @FunctionalInterface
    public interface Following extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether the last call reached Redis: {@code false} while the fleet works per instance. */
    public boolean sharing() {
        return link.reachable();
    }

    /**
     * Asks Redis now (a {@code PING}), connecting if needed; for health checks. While Redis is known
     * to be down it is asked at most once per retry interval.
     *
     * @return whether Redis answered
     */
    public boolean ping() {
        try {
            return "PONG".equals(link.use(() -> link.commands().ping()));
        } catch (RedisUnavailableException e) {
            return false;
        }
    }

    @Override
    public AccessToken obtainToken(String accountKey, AccessToken previous, boolean previousRejected,
            Supplier<AccessToken> fetch) {
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(fetch, "fetch");
        Keys keys = keys(accountKey);
        String previousId = previous == null ? null : encryption.tokenId(previous.value());
        try {
            if (previousRejected && previousId != null) {
                Long announced = link.use(() -> link.commands().eval(Scripts.REJECT, ScriptOutputType.INTEGER,
                        new String[] {keys.token}, previousId, link.channel(), "rejected " + accountKey + " " + previousId));
                if (announced == 1) {
                    LOG.debug("{}: told the fleet the current token was rejected", accountKey);
                }
            }
            long deadline = System.nanoTime() + waitTime.toNanos();
            while (true) {
                Optional<AccessToken> shared = sharedToken(accountKey, keys, previous, previousId);
                if (shared.isPresent()) {
                    return shared.get();
                }
                Optional<Lease> lease = lease(keys);
                if (lease.isPresent()) {
                    return fetchHolding(lease.get(), accountKey, keys, previous, previousId, fetch);
                }
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
                awaitStored(accountKey);
            }
            LOG.warn("{}: the instance fetching the fleet's token did not finish within {} ms; fetching here instead",
                    accountKey, waitTime.toMillis());
        } catch (RedisUnavailableException e) {
            // Already logged once for the outage by the link.
        }
        return fetch.get();
    }

    /** Fetches as the lease holder; Redis failing after the fetch costs the fleet, never this request. */
    private AccessToken fetchHolding(Lease lease, String accountKey, Keys keys, AccessToken previous, String previousId,
            Supplier<AccessToken> fetch) throws RedisUnavailableException {
        try {
            // A holder may have stored and released between our read and our lease.
            Optional<AccessToken> shared = sharedToken(accountKey, keys, previous, previousId);
            if (shared.isPresent()) {
                return shared.get();
            }
            AccessToken token = fetch.get();
            try {
                if (store(lease, accountKey, keys, token)) {
                    return token;
                }
                // Our lease ran out and another instance stored a token since: the fleet's wins.
                LOG.debug("{}: a newer fleet token replaced the one fetched here (fence {} is stale)", accountKey, lease.fence);
                return sharedToken(accountKey, keys, previous, previousId).orElse(token);
            } catch (RedisUnavailableException e) {
                return token;
            }
        } finally {
            release(lease, keys);
        }
    }

    private Optional<AccessToken> sharedToken(String accountKey, Keys keys, AccessToken previous, String previousId)
            throws RedisUnavailableException {
        Map<String, String> record = link.use(() -> link.commands().hgetall(keys.token));
        if (record.isEmpty() || "1".equals(record.get("rejected")) || record.get("token") == null) {
            return Optional.empty();
        }
        String id = record.get("id");
        if (id == null || id.equals(previousId)) {
            return Optional.empty();
        }
        AccessToken token;
        try {
            token = TokenCodec.read(encryption.open(record.get("token"), tokenContext(accountKey)));
        } catch (Encryption.UnreadableException | IllegalArgumentException e) {
            LOG.warn("{}: the fleet's token in Redis cannot be read ({}); check that every instance has the same"
                    + " encryption-key (or lists it in previous-encryption-keys). Fetching a new one", accountKey, e.getMessage());
            return Optional.empty();
        }
        if (!usable(token) || (previous != null && (token.issuedAt().isBefore(previous.issuedAt())
                // Ids differ for one token while instances rotate keys; the values do not.
                || MessageDigest.isEqual(token.value().getBytes(StandardCharsets.UTF_8),
                        previous.value().getBytes(StandardCharsets.UTF_8))))) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    private boolean usable(AccessToken token) {
        Optional<Instant> expiry = token.expiresAt();
        if (expiry.isEmpty()) {
            return true;
        }
        Duration lifetime = Duration.between(token.issuedAt(), expiry.get());
        Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_MARGIN;
        return clock.instant().isBefore(expiry.get().minus(margin));
    }

    private Optional<Lease> lease(Keys keys) throws RedisUnavailableException {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String holder = HexFormat.of().formatHex(random);
        Long fence = link.use(() -> link.commands().eval(Scripts.ACQUIRE, ScriptOutputType.INTEGER,
                new String[] {keys.lease, keys.fence}, holder, String.valueOf(leaseTime.toMillis())));
        return fence == 0 ? Optional.empty() : Optional.of(new Lease(fence, holder));
    }

    private boolean store(Lease lease, String accountKey, Keys keys, AccessToken token) throws RedisUnavailableException {
        String sealed = encryption.seal(TokenCodec.write(token), tokenContext(accountKey));
        long ttl = token.expiresAt()
                .map(expiry -> Math.min(Duration.between(clock.instant(), expiry).toMillis(), UNKNOWN_LIFETIME_TTL.toMillis()))
                .orElse(UNKNOWN_LIFETIME_TTL.toMillis());
        Long result = link.use(() -> link.commands().eval(Scripts.STORE, ScriptOutputType.INTEGER,
                new String[] {keys.token, keys.fence, keys.lease}, String.valueOf(lease.fence), lease.holder,
                encryption.tokenId(token.value()), sealed, String.valueOf(Math.max(1, ttl)), link.channel(),
                "stored " + accountKey));
        return result == 1;
    }

    private void release(Lease lease, Keys keys) {
        try {
            link.use(() -> link.commands().eval(Scripts.RELEASE, ScriptOutputType.INTEGER, new String[] {keys.lease},
                    lease.holder));
        } catch (RedisUnavailableException e) {
            // The lease expires by itself.
        }
    }

    private void awaitStored(String accountKey) {
        synchronized (stored) {
            try {
                stored.wait(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientAuthException(providerId(accountKey), "interrupted while waiting for the fleet's token",
                        null, null, e);
            }
        }
    }

    /** Messages of every instance, on Lettuce's event loop: must not block. */
    private void onMessage(String message) {
        String[] parts = message.split(" ", 3);
        if (parts[0].equals("stored")) {
            synchronized (stored) {
                stored.notifyAll();
            }
        } else if (parts[0].equals("rejected") && parts.length == 3) {
            String rejectedId = parts[2];
            for (Credentials credentials : followed) {
                Optional<Authorization> current = credentials.peek();
                if (current.isPresent() && encryption.tokenId(current.get().token().value()).equals(rejectedId)) {
                    credentials.rejected(current.get());
                }
            }
        }
    }

    /**
     * A Bucket4j bucket in Redis keyed by {@code scope} with {@code limits} (greedy refill), so
     * the limits hold across the fleet; a bucket of this JVM takes over while Redis is unreachable.
     */
    @Override
    public Optional<Bucket> rateBudget(String scope, List<RateLimit> limits) {
        Objects.requireNonNull(scope, "scope");
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        String key = prefix + "budget:" + scope + ":" + limits.stream()
                .map(limit -> limit.permits() + "/" + limit.period()).collect(Collectors.joining(","));
        ConfigurationBuilder configuration = BucketConfiguration.builder();
        LocalBucketBuilder local = Bucket.builder();
        for (RateLimit limit : limits) {
            configuration.addLimit(bandwidth -> bandwidth.capacity(limit.permits()).refillGreedy(limit.permits(), limit.period()));
            local.addLimit(bandwidth -> bandwidth.capacity(limit.permits()).refillGreedy(limit.permits(), limit.period()));
        }
        BucketConfiguration shared = configuration.build();
        return Optional.of(new FailoverBucket(link, () -> remoteBucket(key, shared),
                local.withCustomTimePrecision(timeMeter()).build()));
    }

    /** The fleet's bucket for {@code key}, made again over a new connection after the previous one broke. */
    private synchronized Bucket remoteBucket(String key, BucketConfiguration configuration) {
        StatefulRedisConnection<String, byte[]> connection = link.binary();
        if (budgets == null || budgets.connection != connection) {
            var builder = Bucket4jLettuce.casBasedBuilder(connection)
                    .requestTimeout(commandTimeout)
                    // An idle budget's key goes away once the bucket would be full again.
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)));
            if (!isSystemClock()) {
                builder.clientClock(timeMeter());
            }
            budgets = new Budgets(connection, builder.build(), new HashMap<>());
        }
        return budgets.buckets.computeIfAbsent(key, unused -> budgets.proxies.builder().build(key, () -> configuration));
    }

    private record Budgets(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> proxies,
            Map<String, Bucket> buckets) {
    }

    private boolean isSystemClock() {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone());
    }

    private TimeMeter timeMeter() {
        if (isSystemClock()) {
            return TimeMeter.SYSTEM_MILLISECONDS;
        }
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    private Keys keys(String accountKey) {
        // The hash tag {…} puts an account's keys in one Redis Cluster slot, as its scripts need.
        String base = prefix + "{" + accountKey + "}:";
        return new Keys(base + "token", base + "lease", base + "fence");
    }

    static String tokenContext(String accountKey) {
        return "apiauth token\n" + accountKey;
    }

    private static String providerId(String accountKey) {
        int colon = accountKey.indexOf(':');
        return colon < 0 ? accountKey : accountKey.substring(0, colon);
    }

    /** Closes the connections to Redis. */
    @Override
    public void close() {
        followed.clear();
        link.close();
    }

    @Override
    public String toString() {
        return "RedisSharedState[" + link + ", prefix=" + prefix + ", " + encryption + "]";
    }

    private record Keys(String token, String lease, String fence) {
    }

    private record Lease(long fence, String holder) {
    }

    /** Configures a {@link RedisSharedState}; the Redis URI and the encryption key are required. */
    public static final class Builder {
        /** The settings {@link #settings(Settings)} reads, e.g. from {@code APIAUTH_REDIS_*} variables. */
        public static final List<Setting> SETTINGS = List.of(
                Setting.text("uri", "Redis URI: redis://host:6379/0, rediss://… for TLS, credentials as"
                        + " redis://user:password@host").required().build(),
                Setting.secret("encryption-key", "AES-256 key in Base64 (openssl rand -base64 32) that"
                        + " encrypts tokens and secrets in Redis; the same on every instance").required().build(),
                Setting.secret("previous-encryption-keys", "keys still accepted for reading while the fleet"
                        + " rotates, Base64, separated by commas").build(),
                Setting.text("key-prefix", "prefix of every Redis key and channel").defaultValue("apiauth:").build(),
                Setting.duration("lease-time", "how long one instance may take to fetch the fleet's token").defaultValue("30s").build(),
                Setting.duration("wait-time", "how long other instances wait for it before fetching themselves").defaultValue("10s").build(),
                Setting.duration("command-timeout", "timeout of one Redis command").defaultValue("500ms").build(),
                Setting.duration("connect-timeout", "timeout of connecting to Redis").defaultValue("2s").build(),
                Setting.duration("retry-interval", "how often Redis is tried again while unreachable").defaultValue("1s").build());

        private String uri;
        private Secret encryptionKey;
        private List<Secret> previousEncryptionKeys = List.of();
        private String keyPrefix = "apiauth:";
        private Duration leaseTime = Duration.ofSeconds(30);
        private Duration waitTime = Duration.ofSeconds(10);
        private Duration commandTimeout = Duration.ofMillis(500);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration retryInterval = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private final List<String> problems = new ArrayList<>();

        private Builder() {
        }

        /**
         * Reads the {@link #SETTINGS} from {@code settings}, e.g. {@code Settings.fromEnvironment("redis")}
         * for {@code APIAUTH_REDIS_URI}, {@code APIAUTH_REDIS_ENCRYPTION_KEY}; problems are reported by {@link #build()}.
         */
        public Builder settings(Settings settings) {
            Map<String, String> values = new LinkedHashMap<>(settings.values());
            for (Setting setting : SETTINGS) {
                String value = values.remove(setting.name());
                if (value == null) {
                    continue;
                }
                Optional<String> problem = SettingValues.check(setting, value);
                if (problem.isPresent()) {
                    problems.add(problem.get());
                    continue;
                }
                switch (setting.name()) {
                    case "uri" -> redisUri(value);
                    case "encryption-key" -> encryptionKey(Secret.of(value.strip()));
                    case "previous-encryption-keys" -> previousEncryptionKeys(
                            SettingValues.splitList(value).stream().map(Secret::of).toList());
                    case "key-prefix" -> keyPrefix(value);
                    case "lease-time" -> leaseTime(SettingValues.parseDuration(value).orElseThrow());
                    case "wait-time" -> waitTime(SettingValues.parseDuration(value).orElseThrow());
                    case "command-timeout" -> commandTimeout(SettingValues.parseDuration(value).orElseThrow());
                    case "connect-timeout" -> connectTimeout(SettingValues.parseDuration(value).orElseThrow());
                    case "retry-interval" -> retryInterval(SettingValues.parseDuration(value).orElseThrow());
                    default -> throw new IllegalStateException("undeclared setting " + setting.name());
                }
            }
            values.keySet().forEach(name -> problems.add("unknown Redis setting '" + name + "'; known: "
                    + SETTINGS.stream().map(Setting::name).collect(Collectors.joining(", "))));
            return this;
        }

        /** {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://…} for TLS. */
        public Builder redisUri(String value) {
            this.uri = Objects.requireNonNull(value, "redisUri");
            return this;
        }

        /** The AES-256 key (32 bytes, Base64) tokens and secrets are encrypted with; equal on every instance. */
        public Builder encryptionKey(Secret base64Key) {
            this.encryptionKey = Objects.requireNonNull(base64Key, "encryptionKey");
            return this;
        }

        /** Keys values sealed earlier may still be under, accepted for reading during a key rotation. */
        public Builder previousEncryptionKeys(List<Secret> base64Keys) {
            this.previousEncryptionKeys = List.copyOf(base64Keys);
            return this;
        }

        /** Prefix of every key and the channel ({@code apiauth:}); separates applications sharing a Redis. */
        public Builder keyPrefix(String value) {
            Objects.requireNonNull(value, "keyPrefix");
            if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
                problems.add("Redis setting 'key-prefix' must be non-empty without spaces, e.g. 'apiauth:'");
            }
            this.keyPrefix = value;
            return this;
        }

        /** How long a lease holder may take to fetch before another instance may take over (30 s). */
        public Builder leaseTime(Duration value) {
            this.leaseTime = positive(value, "lease-time");
            return this;
        }

        /** How long an instance waits for the lease holder's token before fetching itself (10 s). */
        public Builder waitTime(Duration value) {
            this.waitTime = positive(value, "wait-time");
            return this;
        }

        /** The timeout of one Redis command (500 ms): short, since a slow Redis must not slow requests. */
        public Builder commandTimeout(Duration value) {
            this.commandTimeout = positive(value, "command-timeout");
            return this;
        }

        /** The timeout of connecting to Redis (2 s). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connect-timeout");
            return this;
        }

        /** How often Redis is tried again while it is unreachable (1 s); calls in between skip it. */
        public Builder retryInterval(Duration value) {
            this.retryInterval = positive(value, "retry-interval");
            return this;
        }

        /** The clock token expiry and rate budgets use; the same as the engine's. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        private Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                problems.add("Redis setting '" + name + "' must be positive, not " + value);
            }
            return value;
        }

        /**
         * Creates the shared state. Redis is connected on first use, so an application starts
         * while Redis is down.
         *
         * @throws InvalidSettingsException listing every problem with the configuration
         */
        public RedisSharedState build() {
            List<String> all = new ArrayList<>(problems);
            RedisURI redisUri = null;
            if (uri == null) {
                all.add("missing Redis setting 'uri' (e.g. redis://localhost:6379); set it with redisUri(…) or APIAUTH_REDIS_URI");
            } else {
                try {
                    redisUri = RedisURI.create(uri.strip());
                } catch (RuntimeException e) {
                    // Not the URI itself: it may hold a password.
                    all.add("Redis setting 'uri' is not a Redis URI; use redis://[user:password@]host[:port][/db]"
                            + " or rediss://… for TLS");
                }
            }
            List<byte[]> keys = new ArrayList<>();
            if (encryptionKey == null) {
                all.add("missing Redis setting 'encryption-key': tokens are never stored in plain text; generate a key"
                        + " with `openssl rand -base64 32` and give every instance the same one (APIAUTH_REDIS_ENCRYPTION_KEY)");
            } else {
                decodeKey(encryptionKey, "encryption-key", all).ifPresent(keys::add);
            }
            for (Secret previous : previousEncryptionKeys) {
                decodeKey(previous, "previous-encryption-keys", all).ifPresent(keys::add);
            }
            if (!all.isEmpty()) {
                throw new InvalidSettingsException(null, all);
            }
            return new RedisSharedState(this, redisUri, new Encryption(keys));
        }

        private static Optional<byte[]> decodeKey(Secret key, String setting, List<String> problems) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(key.reveal().strip());
            } catch (IllegalArgumentException e) {
                problems.add("Redis setting '" + setting + "' is not Base64; generate a key with `openssl rand -base64 32`");
                return Optional.empty();
            }
            if (bytes.length != Encryption.KEY_BYTES) {
                problems.add("Redis setting '" + setting + "' must be " + Encryption.KEY_BYTES + " bytes (AES-256) in Base64,"
                        + " not " + bytes.length + "; generate one with `openssl rand -base64 32`");
                return Optional.empty();
            }
            return Optional.of(bytes);
        }
    }
}
