package dev.apiauth.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the tests leave their figures: Markdown fragments under {@code target/reliability} that
 * {@code run-reliability.sh} assembles into {@code docs/reliability.md}, and the captured texts the
 * leak scan reads.
 */
public final class Reports {
    private Reports() {
    }

    /** The output directory, created when missing. */
    public static Path dir() {
        Path dir = Path.of(System.getProperty("reliability.dir", "target/reliability"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Replaces {@code name} with {@code content}. */
    public static Path write(String name, String content) {
        Path file = dir().resolve(name);
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Appends {@code content} to {@code name}. */
    public static synchronized void append(String name, String content) {
        try {
            Files.writeString(dir().resolve(name), content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
