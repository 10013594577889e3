package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthExceptionTest {
    @Test
    void prefixesTheMessageWithTheProvider() {
        AuthException withProvider = new AuthException("domo", "something failed");
        AuthException without = new AuthException(null, "something failed");

        assertThat(withProvider).hasMessage("domo: something failed");
        assertThat(withProvider.providerId()).contains("domo");
        assertThat(without).hasMessage("something failed");
        assertThat(without.providerId()).isEmpty();
        assertThat(withProvider.retryable()).isFalse();
    }

    @Test
    void rejectedCredentialsCarryTheVendorErrorAndAreNotRetryable() {
        CredentialsRejectedException e = new CredentialsRejectedException("doo", 401, "invalid_client",
                "Client authentication failed");

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).contains("invalid_client");
        assertThat(e.errorDescription()).contains("Client authentication failed");
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage("doo: the vendor rejected the credentials (HTTP 401, invalid_client: Client "
                + "authentication failed). Check the client id, secret and other credential settings; retrying will "
                + "not help.");
    }

    @Test
    void rejectedCredentialsWithoutDetailSayWhatToCheck() {
        CredentialsRejectedException e = new CredentialsRejectedException("doo", 403, null, null);

        assertThat(e.error()).isEmpty();
        assertThat(e.errorDescription()).isEmpty();
        assertThat(e).hasMessageContaining("(HTTP 403)").hasMessageContaining("Check the client id");
    }

    @Test
    void transientFailuresAreRetryableAndCarryStatusAndRetryAfter() {
        IOException cause = new IOException("reset");
        TransientAuthException withStatus = new TransientAuthException("domo", "busy", 429, Duration.ofSeconds(3), null);
        TransientAuthException io = new TransientAuthException("domo", "unreachable", null, null, cause);

        assertThat(withStatus.retryable()).isTrue();
        assertThat(withStatus.status()).hasValue(429);
        assertThat(withStatus.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(io.status()).isEmpty();
        assertThat(io.retryAfter()).isEmpty();
        assertThat(io).hasCause(cause);
    }

    @Test
    void invalidSettingsListEveryProblem() {
        InvalidSettingsException e = new InvalidSettingsException("doo", List.of("missing 'a'", "bad 'b'"));

        assertThat(e.problems()).containsExactly("missing 'a'", "bad 'b'");
        assertThat(e).hasMessage("doo: invalid settings (2 problems):\n  - missing 'a'\n  - bad 'b'");
        assertThat(new InvalidSettingsException("doo", List.of("x"))).hasMessageContaining("(1 problem)");
        assertThat(e.retryable()).isFalse();
        assertThatThrownBy(() -> new InvalidSettingsException("doo", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedResponsesCarryTheStatus() {
        MalformedResponseException e = new MalformedResponseException("doo", 200, "not a token");

        assertThat(e.status()).isEqualTo(200);
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage("doo: not a token");
    }

    @org.junit.jupiter.api.Test
    void rejectedCredentialsCanCarryAProviderSpecificNextStep() {
        CredentialsRejectedException revoked = new CredentialsRejectedException("dotypos", 401, "invalid_token", "revoked",
                "The refresh token was revoked: connect the account again.");
        org.assertj.core.api.Assertions.assertThat(revoked.getMessage())
                .contains("HTTP 401", "invalid_token", "revoked", "connect the account again")
                .doesNotContain("Check the client id");
    }
}
