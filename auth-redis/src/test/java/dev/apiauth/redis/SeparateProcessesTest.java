package dev.apiauth.redis;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SeparateProcessesTest {
    private static final int CHILDREN = 3;

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private final WireMockServer vendor = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        vendor.stop();
    }

    @Test
    void jvmsSharingOneRedisMakeOneTokenRequestAndUseTheSameToken() throws Exception {
        vendor.start();
        // The delay keeps the first request in flight while the other processes ask.
        Fleet.issueTokens(vendor, Duration.ofMinutes(10), Duration.ofMillis(500));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            // Quick start-up flags: the children live for a second.
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    FleetChild.class.getName(), REDIS.uri(), vendor.baseUrl() + "/token")
                    .redirectError(Path.of("target", "fleet-child-" + i + ".log").toFile())
                    .start();
            children.add(child);
            outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (BufferedReader output : outputs) {
            assertThat(readLine(output)).isEqualTo("ready");
        }

        for (Process child : children) {
            Writer input = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            input.write("go\n");
            input.flush();
        }
        List<String> tokens = new ArrayList<>();
        for (BufferedReader output : outputs) {
            tokens.add(readLine(output));
        }
        for (Process child : children) {
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        }

        assertThat(tokens).hasSize(CHILDREN).allMatch(line -> line.startsWith("token ")).containsOnly(tokens.get(0));
        assertThat(Fleet.tokenRequests(vendor)).isEqualTo(1);
    }

    private static String readLine(BufferedReader output) throws Exception {
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return output.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(line).as("a line from the child process (its stderr is in target/fleet-child-*.log)").isNotNull();
        return line;
    }
}
