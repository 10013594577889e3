package dev.apiauth.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.spi.Secret;
import org.junit.jupiter.api.Test;

class InMemorySecretStoreTest {
    private static final Secret REFRESH_TOKEN = Secret.of("rt-SECRET-in-memory");

    @Test
    void savesLoadsOverwritesAndRemoves() {
        InMemorySecretStore store = new InMemorySecretStore();

        assertThat(store.load("token")).isEmpty();
        store.save("token", REFRESH_TOKEN);
        assertThat(store.load("token")).contains(REFRESH_TOKEN);
        store.save("token", Secret.of("second"));
        assertThat(store.load("token")).contains(Secret.of("second"));
        store.remove("token");
        assertThat(store.load("token")).isEmpty();
        store.remove("token");
    }

    @Test
    void keepsKeysApart() {
        InMemorySecretStore store = new InMemorySecretStore();
        store.save("a", Secret.of("value-a"));
        store.save("b", Secret.of("value-b"));

        store.remove("a");

        assertThat(store.load("b")).contains(Secret.of("value-b"));
    }

    @Test
    void printsTheCountButNoSecret() {
        InMemorySecretStore store = new InMemorySecretStore();
        store.save("token", REFRESH_TOKEN);

        assertThat(store.toString()).isEqualTo("InMemorySecretStore[1 secrets]");
    }

    @Test
    void refusesNulls() {
        InMemorySecretStore store = new InMemorySecretStore();

        assertThatThrownBy(() -> store.save(null, REFRESH_TOKEN)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.save("token", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.load(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.remove(null)).isInstanceOf(NullPointerException.class);
    }
}
