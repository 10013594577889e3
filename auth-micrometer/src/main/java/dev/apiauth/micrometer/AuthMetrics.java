package dev.apiauth.micrometer;

import dev.apiauth.core.AuthEvent;
import dev.apiauth.core.AuthListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Micrometer meters for one account's token lifecycle. Pass it to the account as its listener and
 * bind it to your registry (Spring Boot binds {@link MeterBinder} beans itself):
 *
 * <pre>{@code
 * AuthMetrics metrics = AuthMetrics.forAccount("billing");
 * metrics.bindTo(registry);
 * Credentials domo = Credentials.builder(providers.get("domo")).settings(settings).listener(metrics).build();
 * }</pre>
 *
 * <p>Every meter is tagged {@code provider} (the provider id) and {@code account} (the name given
 * here), plus any common tags from the builder:
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>counts / measures</th></tr>
 *   <tr><td>{@value #FETCHES}</td><td>counter</td><td>tokens fetched while a caller waited</td></tr>
 *   <tr><td>{@value #REFRESHES}</td><td>counter</td><td>tokens refreshed ahead of expiry in the background</td></tr>
 *   <tr><td>{@value #FAILURES}</td><td>counter</td><td>failed token requests (after retries), tagged
 *       {@code exception} with the exception's simple class name</td></tr>
 *   <tr><td>{@value #REJECTIONS}</td><td>counter</td><td>tokens the API rejected (401 or the provider's other status)</td></tr>
 *   <tr><td>{@value #LATENCY}</td><td>timer</td><td>how long getting a token took, retries and waits
 *       included, tagged {@code outcome} = {@code fetched}, {@code refreshed} or {@code failed}</td></tr>
 *   <tr><td>{@value #TIME_TO_EXPIRY}</td><td>gauge</td><td>seconds until the current token expires; NaN
 *       before the first token, after a rejection, or when the vendor gave no lifetime</td></tr>
 * </table>
 *
 * <p>Tags hold only these names, the provider id, the account name and an exception class name:
 * never a setting, a secret or a token. Use one instance per account; meters appear with the
 * account's first event, and events before {@link #bindTo} are not counted in that registry.
 */
public final class AuthMetrics implements AuthListener, MeterBinder {
    /** Counter of tokens fetched while a caller waited. */
    public static final String FETCHES = "apiauth.token.fetches";
    /** Counter of background refreshes. */
    public static final String REFRESHES = "apiauth.token.refreshes";
    /** Counter of failed token requests, tagged {@code exception}. */
    public static final String FAILURES = "apiauth.token.failures";
    /** Counter of tokens the API rejected. */
    public static final String REJECTIONS = "apiauth.token.rejections";
    /** Timer of token requests, tagged {@code outcome}. */
    public static final String LATENCY = "apiauth.token.fetch.latency";
    /** Gauge of seconds until the current token expires. */
    public static final String TIME_TO_EXPIRY = "apiauth.token.time.to.expiry";

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    // Meters are registered here and reach every registry bound to it, including ones bound later.
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final String account;
    private final Tags commonTags;
    private final Clock clock;
    private final Map<String, ProviderMeters> byProvider = new ConcurrentHashMap<>();

    private AuthMetrics(Builder builder) {
        this.account = builder.account;
        this.commonTags = builder.tags;
        this.clock = builder.clock;
    }

    /** Metrics for the account named {@code account} (letters, digits, {@code . _ -}; up to 64). */
    public static AuthMetrics forAccount(String account) {
        return builder(account).build();
    }

    /** Starts configuring metrics for the account named {@code account}. */
    public static Builder builder(String account) {
        return new Builder(account);
    }

    /** The account name the meters are tagged with. */
    public String account() {
        return account;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters.add(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void onEvent(AuthEvent event) {
        ProviderMeters provider = byProvider.computeIfAbsent(event.providerId(), ProviderMeters::new);
        switch (event.type()) {
            case FETCHED -> {
                provider.fetches.increment();
                provider.latency("fetched").record(event.took());
                provider.expiresAt = event.expiresAt().orElse(null);
            }
            case REFRESHED -> {
                provider.refreshes.increment();
                provider.latency("refreshed").record(event.took());
                provider.expiresAt = event.expiresAt().orElse(null);
            }
            case FAILED -> {
                // The exception's class only: its message could name a vendor's reply.
                String exception = event.failure().map(e -> e.getClass().getSimpleName()).orElse("unknown");
                Counter.builder(FAILURES).description("Failed token requests (after the engine's retries)")
                        .tags(provider.tags).tag("exception", exception).register(meters).increment();
                provider.latency("failed").record(event.took());
            }
            case REJECTED -> {
                provider.rejections.increment();
                provider.expiresAt = null;
            }
        }
    }

    @Override
    public String toString() {
        return "AuthMetrics[" + account + "]";
    }

    /** One provider's meters within this account (normally the account's only provider). */
    private final class ProviderMeters {
        final Tags tags;
        final Counter fetches;
        final Counter refreshes;
        final Counter rejections;
        volatile Instant expiresAt;

        ProviderMeters(String providerId) {
            this.tags = commonTags.and(Tag.of("provider", providerId), Tag.of("account", account));
            this.fetches = Counter.builder(FETCHES).description("Tokens fetched while a caller waited")
                    .tags(tags).register(meters);
            this.refreshes = Counter.builder(REFRESHES).description("Tokens refreshed ahead of expiry in the background")
                    .tags(tags).register(meters);
            this.rejections = Counter.builder(REJECTIONS).description("Tokens the API rejected")
                    .tags(tags).register(meters);
            Gauge.builder(TIME_TO_EXPIRY, this, ProviderMeters::secondsToExpiry)
                    .description("Seconds until the current token expires; NaN when there is none or its lifetime is unknown")
                    .baseUnit("seconds").tags(tags).strongReference(true).register(meters);
        }

        Timer latency(String outcome) {
            return Timer.builder(LATENCY).description("Time to get a token, retries and waits included")
                    .tags(tags).tag("outcome", outcome).register(meters);
        }

        double secondsToExpiry() {
            Instant expiry = expiresAt;
            return expiry == null ? Double.NaN : Duration.between(clock.instant(), expiry).toMillis() / 1000.0;
        }
    }

    /** Configures {@link AuthMetrics}. */
    public static final class Builder {
        private final String account;
        private Tags tags = Tags.empty();
        private Clock clock = Clock.systemUTC();

        private Builder(String account) {
            Objects.requireNonNull(account, "account");
            if (!ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("account name '" + account + "' is not valid: use 1 to 64 letters,"
                        + " digits, '.', '_' or '-', starting with a letter or digit (it becomes a metric tag)");
            }
            this.account = account;
        }

        /** Tags added to every meter (e.g. {@code application}); they must not hold secrets. */
        public Builder tags(Iterable<Tag> values) {
            this.tags = this.tags.and(Objects.requireNonNull(values, "values"));
            return this;
        }

        /** The clock time to expiry is read against; give it the account's clock in tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public AuthMetrics build() {
            return new AuthMetrics(this);
        }
    }
}
