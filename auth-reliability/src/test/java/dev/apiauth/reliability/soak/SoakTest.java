package dev.apiauth.reliability.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.reliability.support.Reports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the soak harness at the reduced size of the test phase ({@code -Dsoak.requests}, 20 000 by
 * default) in its own JVM — as the full run does, so the threads and heap it measures are the
 * harness's own, and it logs at WARN rather than this JVM's TRACE — and checks its result.
 */
class SoakTest {
    private static final long REQUESTS = Long.getLong("soak.requests", 20_000);

    @Test
    void noAuthorizationFailureReachesCallersAndTokensFollowTheirLifetime() throws Exception {
        Path markdown = Reports.dir().resolve("soak-ci.md");
        Path properties = Reports.dir().resolve("soak-ci.properties");
        Files.deleteIfExists(properties);
        Process soak = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), Soak.class.getName(), Long.toString(REQUESTS),
                markdown.toString(), properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(Reports.dir().resolve("soak-ci.out").toFile())
                .start();
        assertThat(soak.waitFor(10, TimeUnit.MINUTES)).as("soak finished").isTrue();
        SoakResult result = SoakResult.fromProperties(Files.readString(properties, StandardCharsets.UTF_8));

        assertThat(result.requests()).isEqualTo(REQUESTS);
        assertThat(result.authorizationFailures()).as("401/403 reaching a caller").isZero();
        assertThat(result.exceptions()).as("exceptions reaching a caller").isZero();
        assertThat(result.otherFailures()).isZero();
        assertThat(result.succeeded()).isEqualTo(REQUESTS);
        // Refreshed ~20 % ahead of expiry: about 1.25 token requests per lifetime, never one per request.
        assertThat(result.tokenRequests()).as("token requests for %s", result.elapsed())
                .isBetween((long) Math.floor(result.idealTokenRequests() * 0.8),
                        (long) Math.ceil(result.idealTokenRequests() * 1.6) + 2);
        assertThat(result.threadsEnd()).as("threads: %s new", result.newThreads())
                .isLessThanOrEqualTo(result.threadsStart() + 1);
        assertThat(result.heapEnd()).as("used heap after GC")
                .isLessThan(result.heapStart() + 32L * 1024 * 1024);
        assertThat(soak.exitValue()).isZero();
        assertThat(List.of(Files.readString(markdown).split("\n"))).anyMatch(line -> line.contains("authorization"));
    }
}
