package dev.apiauth.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinaryTest {
    @TempDir
    Path dir;

    @Test
    void redisServerVariableWinsOverThePath() throws IOException {
        Path configured = executable(dir.resolve("configured"), "redis-server");
        Path onPath = executable(dir.resolve("bin"), "redis-server");

        RedisBinary.Found found = RedisBinary.locate(Map.of("REDIS_SERVER", configured.toString(),
                "PATH", onPath.getParent().toString()), "Linux", "amd64", dir.resolve("extract"));

        assertThat(found.path()).isEqualTo(configured);
        assertThat(found.source()).isEqualTo("REDIS_SERVER");
    }

    @Test
    void aRedisServerVariableThatIsNoExecutableIsReported() {
        assertThatThrownBy(() -> RedisBinary.locate(Map.of("REDIS_SERVER", dir.resolve("missing").toString()),
                "Linux", "amd64", dir.resolve("extract")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REDIS_SERVER=" + dir.resolve("missing"))
                .hasMessageContaining("not an executable file");
    }

    @Test
    void theFirstRedisServerOnThePathComesNext() throws IOException {
        Path first = executable(dir.resolve("a"), "redis-server");
        executable(dir.resolve("b"), "redis-server");

        RedisBinary.Found found = RedisBinary.locate(Map.of("PATH", dir.resolve("empty") + java.io.File.pathSeparator
                + dir.resolve("a") + java.io.File.pathSeparator + dir.resolve("b")), "Linux", "amd64", dir.resolve("x"));

        assertThat(found.path()).isEqualTo(first);
        assertThat(found.source()).isEqualTo("PATH");
    }

    @Test
    void withoutEitherTheBundledRedis7RunsOnThisPlatform() throws Exception {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        // This is the path a JDK-only machine takes; the build's supported platforms all have a bundled binary.
        assertThat(RedisBinary.bundledResource(os, arch)).as("bundled binary for %s/%s", os, arch).isPresent();

        RedisBinary.Found found = RedisBinary.locate(Map.of("PATH", dir.resolve("empty").toString()), os, arch,
                dir.resolve("extract"));

        assertThat(found.source()).isEqualTo("bundled Redis " + RedisBinary.BUNDLED_VERSION);
        assertThat(found.path()).startsWith(dir.resolve("extract").toAbsolutePath()).isExecutable();
        Process version = new ProcessBuilder(found.path().toString(), "--version").redirectErrorStream(true).start();
        String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(output).startsWith("Redis server v=7.");
        // A second lookup reuses the copy.
        assertThat(RedisBinary.locate(Map.of(), os, arch, dir.resolve("extract")).path()).isEqualTo(found.path());
    }

    @Test
    void theBundledBinaryIsChosenByOperatingSystemAndProcessor() {
        assertThat(RedisBinary.bundledResource("Linux", "amd64")).contains("redis-server-7.0.15-linux-amd64");
        assertThat(RedisBinary.bundledResource("Linux", "aarch64")).contains("redis-server-7.0.15-linux-arm64");
        assertThat(RedisBinary.bundledResource("Mac OS X", "x86_64")).contains("redis-server-7.0.15-darwin-amd64");
        assertThat(RedisBinary.bundledResource("Mac OS X", "aarch64")).contains("redis-server-7.0.15-darwin-arm64");
        assertThat(RedisBinary.bundledResource("Linux", "s390x")).isEmpty();
        assertThat(RedisBinary.bundledResource("Windows 11", "amd64")).isEmpty();
    }

    @Test
    void anUnsupportedPlatformIsOneClearMessage() {
        assertThatThrownBy(() -> RedisBinary.locate(Map.of("PATH", dir.toString()), "Windows 11", "amd64", dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No redis-server for Windows 11/amd64")
                .hasMessageContaining("set REDIS_SERVER")
                .hasMessageContaining("Searched PATH: [" + dir + "]");
    }

    private static Path executable(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }
}
