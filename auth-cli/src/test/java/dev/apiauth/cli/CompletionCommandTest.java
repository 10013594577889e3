package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
    @TempDir
    Path home;

    @Test
    void printsPicocliGeneratedBashCompletionForEveryCommand() {
        Cli.Result result = Cli.in(home).run("completion");

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_authctl")
                .contains("_picocli_authctl_simulate")
                .contains("_picocli_authctl_token")
                .contains("--settings-file")
                .contains("--class-path");
    }

    @Test
    void isListedInTheHelp() {
        assertThat(Cli.in(home).run("--help").out()).contains("completion").contains("simulate");
    }
}
