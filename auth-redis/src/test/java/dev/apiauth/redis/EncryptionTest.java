package dev.apiauth.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptionTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private final Encryption encryption = new Encryption(List.of(KEY));

    @Test
    void sealedValuesOpenForTheirOwnContextOnly() throws Exception {
        String sealed = encryption.seal("access-token-value", "apiauth token\ndoo:abc");

        assertThat(encryption.open(sealed, "apiauth token\ndoo:abc")).isEqualTo("access-token-value");
        assertThatThrownBy(() -> encryption.open(sealed, "apiauth token\ndoo:other"))
                .isInstanceOf(Encryption.UnreadableException.class).hasMessageContaining("authentication failed");
    }

    @Test
    void eachSealUsesAFreshIvSoEqualValuesLookDifferent() {
        String one = encryption.seal("same", "context");
        String two = encryption.seal("same", "context");

        assertThat(one).isNotEqualTo(two);
        byte[] bytes = Base64.getDecoder().decode(one);
        assertThat(bytes.length).isEqualTo(1 + 4 + 12 + "same".length() + 16);
        assertThat(bytes[0]).isEqualTo((byte) 1);
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        byte[] bytes = Base64.getDecoder().decode(encryption.seal("value", "context"));
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> encryption.open(Base64.getEncoder().encodeToString(bytes), "context"))
                .isInstanceOf(Encryption.UnreadableException.class);
    }

    @Test
    void aValueSealedUnderAKeyNotConfiguredNamesTheKeyIdOnly() {
        String sealed = new Encryption(List.of(OTHER_KEY)).seal("value", "context");

        assertThatThrownBy(() -> encryption.open(sealed, "context"))
                .isInstanceOf(Encryption.UnreadableException.class)
                .hasMessageContaining("not configured").hasMessageNotContaining("fedcba");
    }

    @Test
    void previousKeysStillOpenWhileNewValuesUseTheCurrentKey() throws Exception {
        String old = encryption.seal("value", "context");
        Encryption rotated = new Encryption(List.of(OTHER_KEY, KEY));

        assertThat(rotated.open(old, "context")).isEqualTo("value");
        assertThatThrownBy(() -> encryption.open(rotated.seal("value", "context"), "context"))
                .isInstanceOf(Encryption.UnreadableException.class);
    }

    @Test
    void tokenIdsAreStableKeyedAndNotAPlainHash() throws Exception {
        String plainSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("token".getBytes(StandardCharsets.UTF_8)));

        assertThat(encryption.tokenId("token")).isEqualTo(new Encryption(List.of(KEY)).tokenId("token"))
                .isNotEqualTo(encryption.tokenId("token2"))
                .isNotEqualTo(new Encryption(List.of(OTHER_KEY)).tokenId("token"))
                .isNotEqualTo(plainSha256)
                .hasSize(64);
    }

    @Test
    void toStringShowsTheKeyIdNotTheKey() {
        assertThat(encryption.toString()).contains(encryption.currentKeyId()).doesNotContain("0123456789abcdef");
    }
}
