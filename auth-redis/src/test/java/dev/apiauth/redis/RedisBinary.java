package dev.apiauth.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code redis-server} the tests run, so that they need nothing but a JDK: {@code REDIS_SERVER}
 * when set, else a {@code redis-server} on the {@code PATH}, else the Redis 7 binary that the test-scoped
 * {@code org.signal:embedded-redis} artifact ships for Linux (x86-64, arm64, x86) and macOS (x86-64, arm64),
 * copied out of the class path into {@code target/redis-bin}.
 */
final class RedisBinary {
    /** The Redis version inside the {@code embedded-redis} jar; moves with {@code signal-embedded-redis.version}. */
    static final String BUNDLED_VERSION = "7.0.15";

    private RedisBinary() {
    }

    /** Where the binary comes from, and its path. */
    record Found(Path path, String source) {
    }

    /** Locates the binary for this JVM's environment and platform. */
    static Found locate() {
        return locate(System.getenv(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Path.of("target", "redis-bin"));
    }

    static Found locate(Map<String, String> env, String osName, String osArch, Path extractTo) {
        String configured = env.get("REDIS_SERVER");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("REDIS_SERVER=" + configured + " is not an executable file;"
                        + " point it at a redis-server 7 binary or unset it to use the bundled one.");
            }
            return new Found(path, "REDIS_SERVER");
        }
        List<String> searched = new ArrayList<>();
        for (String directory : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            searched.add(directory);
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return new Found(candidate, "PATH");
            }
        }
        Optional<String> resource = bundledResource(osName, osArch);
        if (resource.isEmpty()) {
            throw new IllegalStateException("No redis-server for " + osName + "/" + osArch + ": the auth-redis tests"
                    + " run against a real Redis 7, and the bundled one (org.signal:embedded-redis) covers only Linux"
                    + " x86-64/arm64/x86 and macOS x86-64/arm64. Install redis-server 7 on the PATH or set REDIS_SERVER"
                    + " to its path. Searched PATH: " + searched);
        }
        return new Found(extract(resource.get(), extractTo), "bundled Redis " + BUNDLED_VERSION);
    }

    /** The name of the jar resource for a platform, or empty when the artifact ships none for it. */
    static Optional<String> bundledResource(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String system;
        if (os.startsWith("linux")) {
            system = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            system = "darwin";
        } else {
            return Optional.empty();
        }
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> system.equals("linux") ? "386" : null;
            default -> null;
        };
        return cpu == null ? Optional.empty() : Optional.of("redis-server-" + BUNDLED_VERSION + "-" + system + "-" + cpu);
    }

    private static Path extract(String resource, Path directory) {
        Path target = directory.resolve(resource).toAbsolutePath();
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path: is"
                        + " org.signal:embedded-redis a test dependency of auth-redis?");
            }
            if (Files.isExecutable(target)) {
                return target;
            }
            Files.createDirectories(directory);
            // Copy next to the target and move into place, so a concurrent test JVM never runs a half-written file.
            Path partial = Files.createTempFile(directory, resource, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (!partial.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + partial + " executable");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + resource + " to " + directory, e);
        }
    }
}
