package dev.apiauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CredentialsCloseTest {
    @Test
    @Timeout(90)
    void closingEveryCredentialsLeavesNoApiauthThread() throws IOException, InterruptedException {
        // A fresh JVM: accounts other tests of this JVM leave open would keep the shared threads alive.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CloseEverythingMain.class.getName(), "5")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).as("the accounts used every engine thread before closing")
                .containsPattern("served ([6-9]|[1-9][0-9]+)\\R")
                .containsPattern("before close \\[.*apiauth-refresh-1.*\\]")
                .containsPattern("before close \\[.*apiauth-timer.*\\]")
                .contains("after close []");
    }
}
