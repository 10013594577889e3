package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CredentialsSharedStateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScriptedProvider provider = new ScriptedProvider(clock);

    /** Records calls and, when primed, answers with a token "another instance" fetched. */
    private static final class RecordingState implements SharedTokens, RejectionNotices {
        final List<String> calls = new ArrayList<>();
        final List<RejectionListener> subscribed = new ArrayList<>();
        int closedRegistrations;
        AccessToken fromFleet;

        @Override
        public Registration subscribe(String accountKey, RejectionListener listener) {
            subscribed.add(listener);
            return () -> closedRegistrations++;
        }

        @Override
        public AccessToken obtainToken(String accountKey, AccessToken previous, boolean previousRejected,
                Supplier<AccessToken> fetch) {
            calls.add(accountKey + "|" + (previous == null ? "none" : previous.value()) + "|" + previousRejected);
            return fromFleet != null ? fromFleet : fetch.get();
        }
    }

    private Credentials account(RecordingState state, String secret) {
        return Credentials.builder(provider).settings(Map.of("client-secret", secret)).clock(clock)
                .backgroundExecutor(Runnable::run)
                .sharedState(SharedState.of(state, RateBudgets.local(), state)).build();
    }

    @Test
    void aTokenFromTheFleetIsUsedWithoutAskingTheVendor() {
        RecordingState state = new RecordingState();
        state.fromFleet = provider.token(Duration.ofMinutes(10));
        Credentials credentials = account(state, ScriptedProvider.SECRET);
        assertThat(credentials.token()).isSameAs(state.fromFleet);
        assertThat(provider.fetches()).isZero();
    }

    @Test
    void theSharedStateLearnsWhichTokenWasRejected() {
        RecordingState state = new RecordingState();
        Credentials credentials = account(state, ScriptedProvider.SECRET);
        Authorization first = credentials.authorization();
        credentials.rejected(first);
        credentials.authorization();
        assertThat(state.calls).hasSize(2);
        assertThat(state.calls.get(0)).endsWith("|none|false");
        assertThat(state.calls.get(1)).endsWith("|" + first.token().value() + "|true");
    }

    @Test
    void everyCredentialsSubscribesItsListenerUntilItCloses() {
        RecordingState state = new RecordingState();
        Credentials first = account(state, ScriptedProvider.SECRET);
        Credentials second = account(state, "another");
        assertThat(state.subscribed).containsExactly(first.rejectionListener(), second.rejectionListener());

        first.close();
        first.close();
        second.close();

        assertThat(state.closedRegistrations).isEqualTo(2);
    }

    @Test
    void aRejectionElsewhereDropsTheTokenOnlyWhenItIsTheOneHeld() {
        RecordingState state = new RecordingState();
        Credentials credentials = account(state, ScriptedProvider.SECRET);
        Authorization held = credentials.authorization();

        credentials.rejectionListener().rejectedElsewhere(token -> false);
        assertThat(credentials.peek()).contains(held);

        credentials.rejectionListener().rejectedElsewhere(token -> token.value().equals(held.token().value()));
        assertThat(credentials.peek()).isEmpty();
        assertThat(credentials.authorization()).isNotSameAs(held);
        assertThat(provider.fetches()).isEqualTo(2);
    }

    @Test
    void accountKeyIsEqualForEqualSettingsAndHidesTheSecret() {
        String key = Credentials.accountKey("scripted", Settings.of(Map.of("client-secret", ScriptedProvider.SECRET))
                .validate(provider));
        String same = Credentials.accountKey("scripted", Settings.of(Map.of("client-secret", ScriptedProvider.SECRET))
                .validate(provider));
        String other = Credentials.accountKey("scripted", Settings.of(Map.of("client-secret", "another"))
                .validate(provider));
        assertThat(key).isEqualTo(same).isNotEqualTo(other).startsWith("scripted:").doesNotContain(ScriptedProvider.SECRET);
    }
}
