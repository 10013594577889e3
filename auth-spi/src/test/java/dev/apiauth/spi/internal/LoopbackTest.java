package dev.apiauth.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "sim.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1",
            "[0:0:0:0:0:0:0:1]"})
    void recognisesLoopbackHosts(String host) {
        assertThat(Loopback.isLoopbackHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost.example.com", "127.0.0.1.nip.io", "10.0.0.1", "128.0.0.1",
            "[::2]", "0.0.0.0", ""})
    void refusesEverythingElse(String host) {
        assertThat(Loopback.isLoopbackHost(host)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void refusesAMissingHost() {
        assertThat(Loopback.isLoopbackHost(null)).isFalse();
    }
}
