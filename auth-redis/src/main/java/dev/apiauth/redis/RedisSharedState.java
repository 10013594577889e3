package dev.apiauth.redis;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.RefreshPolicy;
import dev.apiauth.core.Settings;
import dev.apiauth.core.SharedState;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.Setting;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fleet mode's one entry point: shares through one Redis connection what a fleet of instances must
 * agree on, as the engine's three {@link SharedState} parts plus a secret store:
 * {@link #tokens()} the current token of each account ({@link RedisTokens}), {@link #rateBudgets()}
 * the vendors' rate budgets ({@link RedisRateBudgets}), {@link #rejections()} tokens rejected
 * anywhere ({@link RedisRejections}), and {@link #secretStore()} refresh tokens.
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
 * while the token is fresh. Tokens and secrets are stored AES-256-GCM encrypted. When Redis cannot
 * be reached every instance works alone (fetching its own tokens, pacing alone) after one warning,
 * and shares again once Redis answers. Thread-safe; one per application is enough, however many
 * accounts.
 */
public final class RedisSharedState implements SharedState, AutoCloseable {
    private final RedisLink link;
    private final String prefix;
    private final Encryption encryption;
    private final RedisTokens tokens;
    private final RedisRateBudgets rateBudgets;
    private final RedisRejections rejections;
    private final RedisSecretStore secretStore;

    private RedisSharedState(RedisLink link, String prefix, Encryption encryption, RedisTokens tokens,
            RedisRateBudgets rateBudgets, RedisRejections rejections, RedisSecretStore secretStore) {
        this.link = link;
        this.prefix = prefix;
        this.encryption = encryption;
        this.tokens = tokens;
        this.rateBudgets = rateBudgets;
        this.rejections = rejections;
        this.secretStore = secretStore;
    }

    /**
     * Puts the parts together, each from the ones before it: the rejection notices and the signal
     * of stored tokens first, then the link whose pub/sub messages reach them, then the parts that
     * send commands over the link.
     */
    private static RedisSharedState assemble(Builder builder, RedisURI uri, Encryption encryption) {
        String prefix = builder.keyPrefix;
        RedisRejections rejections = new RedisRejections(encryption);
        RedisTokens.Stored stored = new RedisTokens.Stored();
        RedisLink link = new RedisLink(uri, builder.commandTimeout, builder.connectTimeout, builder.retryInterval,
                prefix + "events", (channel, message) -> route(message, stored, rejections));
        RedisTokens tokens = new RedisTokens(link, encryption, prefix, builder.leaseTime, builder.waitTime, builder.clock,
                builder.refreshPolicy, stored);
        return new RedisSharedState(link, prefix, encryption, tokens,
                new RedisRateBudgets(link, prefix, builder.commandTimeout), rejections,
                new RedisSecretStore(link, encryption, prefix + "secret:"));
    }

    /** Messages of every instance, on Lettuce's event loop: must not block. */
    private static void route(String message, RedisTokens.Stored stored, RedisRejections rejections) {
        String[] parts = message.split(" ", 3);
        if (parts[0].equals("stored")) {
            stored.signal();
        } else if (parts[0].equals("rejected") && parts.length == 3) {
            rejections.rejected(parts[2]);
        }
    }

    /** Starts the configuration; {@link Builder#redisUri} and {@link Builder#encryptionKey} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Token coordination: one instance of the fleet fetches, the others take its token. */
    @Override
    public RedisTokens tokens() {
        return tokens;
    }

    /** Rate budgets that hold across the fleet. */
    @Override
    public RedisRateBudgets rateBudgets() {
        return rateBudgets;
    }

    /** Rejections reported by any instance, relayed to this one's accounts. */
    @Override
    public RedisRejections rejections() {
        return rejections;
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
        var registration = rejections.subscribe(null, credentials.rejectionListener());
        return registration::close;
    }

    /** How many {@code Credentials} follow the fleet's rejections now; for tests and diagnostics. */
    int following() {
        return rejections.size();
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

    static String tokenContext(String accountKey) {
        return RedisTokens.tokenContext(accountKey);
    }

    /** Closes the connections to Redis. */
    @Override
    public void close() {
        rejections.clear();
        link.close();
    }

    @Override
    public String toString() {
        return "RedisSharedState[" + link + ", prefix=" + prefix + ", " + encryption + "]";
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
        private RefreshPolicy refreshPolicy = RefreshPolicy.defaults();
        private final List<String> problems = new ArrayList<>();

        private Builder() {
        }

        /**
         * Reads the {@link #SETTINGS} from {@code settings}, e.g. {@code Settings.fromEnvironment("redis")}
         * for {@code APIAUTH_REDIS_URI}, {@code APIAUTH_REDIS_ENCRYPTION_KEY}; problems are reported by {@link #build()}.
         */
        public Builder settings(Settings settings) {
            Settings.Checked checked = settings.check("Redis", SETTINGS);
            problems.addAll(checked.problems());
            ProviderSettings values = checked.accepted();
            // Only what is given: a default must not undo a builder method called before.
            given(values, "uri").ifPresent(this::redisUri);
            given(values, "encryption-key").ifPresent(key -> encryptionKey(Secret.of(key.strip())));
            if (values.isGiven("previous-encryption-keys")) {
                previousEncryptionKeys(values.list("previous-encryption-keys").stream().map(Secret::of).toList());
            }
            given(values, "key-prefix").ifPresent(this::keyPrefix);
            if (values.isGiven("lease-time")) {
                leaseTime(values.duration("lease-time"));
            }
            if (values.isGiven("wait-time")) {
                waitTime(values.duration("wait-time"));
            }
            if (values.isGiven("command-timeout")) {
                commandTimeout(values.duration("command-timeout"));
            }
            if (values.isGiven("connect-timeout")) {
                connectTimeout(values.duration("connect-timeout"));
            }
            if (values.isGiven("retry-interval")) {
                retryInterval(values.duration("retry-interval"));
            }
            return this;
        }

        private static Optional<String> given(ProviderSettings values, String name) {
            return values.isGiven(name) ? values.find(name) : Optional.empty();
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

        /**
         * The clock that decides whether a token in Redis is still usable; the same as the engine's.
         * Rate budgets need none: they refill by the clock of the account that paces.
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The policy that decides whether a token in Redis is still usable for this instance
         * ({@link RefreshPolicy#usableAt}); the engine's defaults unless set. Give the same policy as
         * the accounts' {@code Credentials.Builder.refreshPolicy}.
         */
        public Builder refreshPolicy(RefreshPolicy policy) {
            this.refreshPolicy = Objects.requireNonNull(policy, "policy");
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
            return assemble(this, redisUri, new Encryption(keys));
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
