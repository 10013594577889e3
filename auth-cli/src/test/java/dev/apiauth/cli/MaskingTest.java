package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void keepsTheSchemeAndShowsOnlyTheStartAndLengthOfALongCredential() {
        assertThat(Masking.maskHeader("Bearer 03807cb390319329bdf6c777d4dfae9c0d3b3c35"))
                .isEqualTo("Bearer 0380…(40 chars)");
        assertThat(Masking.maskHeader("Basic NTVYWFgucmVzdEFQSVRlc3Q6MTIzNDU2Nw=="))
                .isEqualTo("Basic NTVY…(36 chars)");
    }

    @Test
    void showsNothingOfAShortValueButItsLength() {
        assertThat(Masking.maskHeader("k3y-v4lue-12345")).isEqualTo("…(15 chars)");
        assertThat(Masking.maskHeader("User r3fr3sh")).isEqualTo("User …(7 chars)");
    }

    @Test
    void masksEveryHeaderUnlessRevealed() {
        Map<String, String> headers = Map.of("x-api-key", "b3f1e0c4-9a7d-4f2e-8c6b-1d5a2e9f7c30");

        assertThat(Masking.headers(headers, false)).containsEntry("x-api-key", "b3f1…(36 chars)");
        assertThat(Masking.headers(headers, true)).isEqualTo(headers);
    }
}
