package dev.apiauth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.spi.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingSecretStoreTest {
    @Test
    void keepsLoadsAndRemovesSecrets() {
        RecordingSecretStore store = new RecordingSecretStore();

        store.save("doo/refresh", Secret.of("rt-1"));
        store.save("doo/refresh", Secret.of("rt-2"));
        store.save("a/consent", Secret.of("c-1"));
        assertThat(store.load("doo/refresh")).map(Secret::reveal).contains("rt-2");
        assertThat(store.contents()).containsExactly(Map.entry("a/consent", "c-1"), Map.entry("doo/refresh", "rt-2"));
        assertThat(store.keys()).containsExactly("a/consent", "doo/refresh");

        store.remove("doo/refresh");
        assertThat(store.load("doo/refresh")).isEmpty();
        assertThat(store.contents()).containsOnlyKeys("a/consent");
    }

    @Test
    void toStringNamesKeysNotValues() {
        RecordingSecretStore store = new RecordingSecretStore();
        store.save("doo/refresh", Secret.of("rt-very-secret"));

        assertThat(store).hasToString("RecordingSecretStore[doo/refresh]");
    }
}
