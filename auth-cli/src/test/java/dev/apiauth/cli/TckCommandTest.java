package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TckCommandTest {
    @TempDir
    Path home;

    @Test
    void runsTheContractForTheRegisteredFixtureAndPrintsTheReport() {
        Path reports = home.resolve("reports");

        Cli.Result result = Cli.in(home).run("tck", "--providers", "docoon", "--reports-dir", reports.toString());

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("rule\\s+level\\s+title\\s+\\| docoon")
                .containsPattern("R1\\.1\\s+\\S+\\s+.*\\| passed")
                .containsPattern("R11\\.3\\s+UNTESTED\\s+.*\\| untested")
                .containsPattern("\\d+ passed, 0 failed, 0 warnings, 1 untested, \\d+ skipped")
                .contains("JUnit XML reports: " + reports.toAbsolutePath());
        assertThat(reports).isDirectoryContaining(path -> path.getFileName().toString().endsWith(".xml"));
    }

    @Test
    void aProviderWithoutFixtureIsReportedAndExitsWith2() throws Exception {
        Cli.Result result = Cli.in(home).run("tck", "--providers", "domo", "--reports-dir",
                home.resolve("reports").toString());

        assertThat(result.status()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).contains("no registered ContractFixture is for [domo]").contains("docoon");
        assertThat(Files.exists(home.resolve("reports"))).isTrue();
    }

    @Test
    void aMissingClassPathEntryIsAUsageError() {
        Cli.Result result = Cli.in(home).run("tck", "--class-path", home.resolve("missing.jar").toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("missing.jar").contains("does not exist")
                .contains("Usage: authctl tck");
        assertThat(result.err()).doesNotContain("auth-tck-runner.jar");
    }
}
