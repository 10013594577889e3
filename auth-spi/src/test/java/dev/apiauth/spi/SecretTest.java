package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {
    private static final String VALUE = "s3cr3t-VALUE-42";

    @Test
    void printsRedactedAndRevealsOnlyOnRequest() {
        Secret secret = Secret.of(VALUE);

        assertThat(secret.toString()).isEqualTo("Secret[REDACTED]").doesNotContain(VALUE);
        assertThat(String.valueOf(secret)).doesNotContain(VALUE);
        assertThat(secret.reveal()).isEqualTo(VALUE);
    }

    @Test
    void equalsComparesTheValue() {
        assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).hasSameHashCodeAs(Secret.of(VALUE));
        assertThat(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x"));
        assertThat(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
        assertThat(Secret.of(VALUE)).isNotEqualTo(VALUE);
        assertThat(Secret.of(VALUE).equals(null)).isFalse();
    }

    @Test
    void fingerprintIsStableShortHexAndNotTheValue() {
        String fingerprint = Secret.of(VALUE).fingerprint();

        assertThat(fingerprint).matches("[0-9a-f]{16}").isEqualTo(Secret.of(VALUE).fingerprint());
        assertThat(fingerprint).doesNotContain(VALUE);
        assertThat(Secret.of(VALUE + "!").fingerprint()).isNotEqualTo(fingerprint);
    }

    @Test
    void fingerprintIsTheStartOfTheSha256OfTheValue() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2 example)
        assertThat(Secret.of("abc").fingerprint()).isEqualTo("ba7816bf8f01cfea");
    }

    @Test
    void refusesEmptyOrNullValues() {
        assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    }
}
