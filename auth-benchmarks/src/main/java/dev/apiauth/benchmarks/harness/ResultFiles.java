package dev.apiauth.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Writes a harness's results as JSON for {@code PerformanceReport}. */
final class ResultFiles {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ResultFiles() {
    }

    static void write(Path file, Object results) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file, results);
    }
}
