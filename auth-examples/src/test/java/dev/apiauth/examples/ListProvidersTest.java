package dev.apiauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ListProvidersTest {
    /** Jars that are on this test's class path but not what a user of the providers would have. */
    private static final List<String> NOT_A_USERS_CLASS_PATH = List.of("auth-simulator", "auth-vendor-shapes",
            "junit", "assertj", "opentest4j", "apiguardian", "test-classes", "byte-buddy", "surefire");

    @Test
    void aPlainJavaProgramWithTheFiveProviderJarsAndAuthCoreDiscoversAllFive() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> NOT_A_USERS_CLASS_PATH.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).contains("provider-doo", "provider-dotypos", "auth-core").doesNotContain("auth-simulator");

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ListProviders.class.getName())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the program ends").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).containsExactly("docoon", "docplanner", "domo", "doo", "dotypos");
    }
}
