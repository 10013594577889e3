package dev.apiauth.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.core.AuthEvent;
import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.simulator.VendorSimulator;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.testing.MutableClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthMetricsTest {
    private static final AuthProviders PROVIDERS = AuthProviders.discover();
    private static VendorSimulator vendors;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void startVendors() {
        vendors = VendorSimulator.start();
    }

    @AfterAll
    static void stopVendors() {
        vendors.close();
    }

    @BeforeEach
    void resetVendors() {
        vendors.reset();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private double expiry(String provider) {
        return registry.get(AuthMetrics.TIME_TO_EXPIRY).tags("provider", provider).gauge().value();
    }

    @Test
    void recordsFetchesRefreshesRejectionsAndLatencyOfARealAccount() {
        AuthMetrics metrics = AuthMetrics.builder("billing").clock(clock).build();
        metrics.bindTo(registry);
        List<AuthEvent> events = new CopyOnWriteArrayList<>();
        try (Credentials domo = Credentials.builder(PROVIDERS.get("domo")).settings(vendors.settingsFor("domo"))
                .clock(clock).backgroundExecutor(Runnable::run).listener(event -> {
                    events.add(event);
                    metrics.onEvent(event);
                }).build()) {
            domo.token();
            domo.token(); // cached: no second fetch
            assertThat(count(AuthMetrics.FETCHES, "provider", "domo", "account", "billing")).isEqualTo(1);
            assertThat(count(AuthMetrics.REFRESHES, "account", "billing")).isZero();

            clock.advance(Duration.ofMinutes(57)); // stale (domo tokens live ~1 h): refreshed in the background
            domo.token();
            assertThat(count(AuthMetrics.REFRESHES, "provider", "domo", "account", "billing")).isEqualTo(1);

            Authorization used = domo.authorization();
            domo.rejected(used);
            domo.rejected(used); // the same token again (compare-and-refresh): not a second rejection
            assertThat(count(AuthMetrics.REJECTIONS, "provider", "domo", "account", "billing")).isEqualTo(1);
            domo.token();
            assertThat(count(AuthMetrics.FETCHES, "provider", "domo")).as("a new token after the rejection").isEqualTo(2);
        }
        Timer fetched = registry.get(AuthMetrics.LATENCY).tags("outcome", "fetched", "account", "billing").timer();
        Timer refreshed = registry.get(AuthMetrics.LATENCY).tags("outcome", "refreshed").timer();
        assertThat(fetched.count()).isEqualTo(2);
        assertThat(refreshed.count()).isEqualTo(1);
        long tookMillis = events.stream().filter(e -> e.type() != AuthEvent.Type.REJECTED)
                .mapToLong(e -> e.took().toMillis()).sum();
        assertThat(fetched.totalTime(TimeUnit.MILLISECONDS) + refreshed.totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(tookMillis);
    }

    @Test
    void countsFailuresByExceptionType() {
        AuthMetrics metrics = AuthMetrics.forAccount("refused");
        metrics.bindTo(registry);
        Map<String, String> wrong = new HashMap<>(vendors.settingsFor("domo"));
        wrong.put("client-secret", "wrong-secret-value-0000");
        try (Credentials domo = Credentials.builder(PROVIDERS.get("domo")).settings(wrong).listener(metrics).build()) {
            assertThatThrownBy(domo::token).isInstanceOf(CredentialsRejectedException.class);
        }
        assertThat(count(AuthMetrics.FAILURES, "provider", "domo", "account", "refused",
                "exception", "CredentialsRejectedException")).isEqualTo(1);
        assertThat(registry.get(AuthMetrics.LATENCY).tags("outcome", "failed").timer().count()).isEqualTo(1);
        assertThat(count(AuthMetrics.FETCHES, "account", "refused")).isZero();
    }

    @Test
    void timeToExpiryFollowsTheClockAndIsNaNWithoutAToken() {
        AuthMetrics metrics = AuthMetrics.builder("orders").clock(clock).build();
        metrics.bindTo(registry);
        Instant now = clock.instant();
        metrics.onEvent(event("doo", AuthEvent.Type.FETCHED, Duration.ofMillis(250), now.plusSeconds(600)));
        assertThat(expiry("doo")).isEqualTo(600.0);
        clock.advance(Duration.ofSeconds(100));
        assertThat(expiry("doo")).isEqualTo(500.0);
        metrics.onEvent(event("doo", AuthEvent.Type.REJECTED, Duration.ZERO, null));
        assertThat(expiry("doo")).isNaN();
        metrics.onEvent(event("doo", AuthEvent.Type.REFRESHED, Duration.ofMillis(50), clock.instant().plusSeconds(3600)));
        assertThat(expiry("doo")).isEqualTo(3600.0);
        metrics.onEvent(event("doo", AuthEvent.Type.FETCHED, Duration.ofMillis(50), null));
        assertThat(expiry("doo")).as("a token of unknown lifetime").isNaN();
        assertThat(registry.get(AuthMetrics.LATENCY).tags("outcome", "fetched").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(300.0);
    }

    @Test
    void aRegistryBoundLaterGetsTheMetersAndLaterEvents() {
        AuthMetrics metrics = AuthMetrics.forAccount("late");
        metrics.onEvent(event("doo", AuthEvent.Type.FETCHED, Duration.ofMillis(1), null));
        metrics.bindTo(registry);
        assertThat(count(AuthMetrics.FETCHES, "account", "late")).as("events before binding are not replayed").isZero();
        metrics.onEvent(event("doo", AuthEvent.Type.FETCHED, Duration.ofMillis(1), null));
        assertThat(count(AuthMetrics.FETCHES, "account", "late")).isEqualTo(1);
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        metrics.bindTo(second);
        metrics.onEvent(event("doo", AuthEvent.Type.REJECTED, Duration.ZERO, null));
        assertThat(second.get(AuthMetrics.REJECTIONS).tags("account", "late").counter().count()).isEqualTo(1);
    }

    @Test
    void commonTagsAreAddedAndAccountNamesAreValidated() {
        AuthMetrics metrics = AuthMetrics.builder("billing").tags(Tags.of("application", "shop")).build();
        metrics.bindTo(registry);
        metrics.onEvent(event("doo", AuthEvent.Type.REJECTED, Duration.ZERO, null));
        assertThat(count(AuthMetrics.REJECTIONS, "application", "shop", "account", "billing")).isEqualTo(1);
        assertThatThrownBy(() -> AuthMetrics.forAccount("has space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account name 'has space' is not valid");
        assertThatThrownBy(() -> AuthMetrics.forAccount("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noTagEverHoldsASecretOrAToken() {
        AuthMetrics metrics = AuthMetrics.forAccount("scan");
        metrics.bindTo(registry);
        List<String> secrets = new ArrayList<>();
        for (String provider : List.of("domo", "doo")) {
            Map<String, String> settings = vendors.settingsFor(provider);
            try (Credentials credentials = Credentials.builder(PROVIDERS.get(provider)).settings(settings)
                    .listener(metrics).build()) {
                secrets.add(credentials.token().value());
                credentials.authorization().headers().values().forEach(secrets::add);
                credentials.rejected(credentials.authorization());
                credentials.token();
            }
            PROVIDERS.get(provider).info().settings().stream().filter(s -> s.secret())
                    .map(s -> settings.get(s.name())).filter(v -> v != null).forEach(secrets::add);
            Map<String, String> wrong = new HashMap<>(settings);
            wrong.put("client-secret", "leak-canary-" + provider);
            secrets.add("leak-canary-" + provider);
            try (Credentials refused = Credentials.builder(PROVIDERS.get(provider)).settings(wrong).listener(metrics).build()) {
                assertThatThrownBy(refused::token).isInstanceOf(AuthException.class);
            }
        }
        assertThat(secrets).hasSizeGreaterThan(6);
        List<String> tagValues = registry.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getValue).distinct().toList();
        assertThat(tagValues).contains("domo", "doo", "scan", "CredentialsRejectedException");
        for (String tag : tagValues) {
            for (String secret : secrets) {
                assertThat(tag).as("a meter tag").doesNotContain(secret);
            }
        }
        assertThat(registry.getMetersAsString()).doesNotContain(secrets.get(0));
    }

    private static AuthEvent event(String provider, AuthEvent.Type type, Duration took, Instant expiresAt) {
        return new AuthEvent(provider, type, Instant.now(), took, type == AuthEvent.Type.REJECTED ? 0 : 1,
                Optional.ofNullable(expiresAt), Optional.empty());
    }
}
