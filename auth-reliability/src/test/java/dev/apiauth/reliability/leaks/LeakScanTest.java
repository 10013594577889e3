package dev.apiauth.reliability.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.reliability.support.Reports;
import dev.apiauth.reliability.support.TestSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The secret-leak scan, run by its own surefire execution after the rest of the module's tests:
 * every line those tests logged at TRACE ({@code trace.log}) and every exception message and
 * {@code toString()} they recorded ({@code texts.log}) is searched for every test secret — the
 * fixtures' client secrets, passwords, API keys and refresh tokens, their HTTP Basic forms, each
 * access token a stub issued, and the marker in every generated token. One hit fails the build.
 */
class LeakScanTest {
    @Test
    void noTestSecretAppearsInAnyLogLineMessageOrToString() throws IOException {
        Path trace = Reports.dir().resolve("trace.log");
        Path texts = Reports.dir().resolve("texts.log");
        assertThat(trace).as("the TRACE log of the test run").exists();
        assertThat(texts).as("the messages and toString()s of the test run").exists();

        Set<String> secrets = new LinkedHashSet<>(TestSecrets.fixed());
        Path issued = Reports.dir().resolve("issued-tokens.txt");
        if (Files.exists(issued)) {
            Files.readAllLines(issued, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                    .forEach(secrets::add);
        }
        List<String> traceLines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        List<String> textLines = Files.readAllLines(texts, StandardCharsets.UTF_8);
        List<String> hits = new ArrayList<>();
        scan("trace.log", traceLines, secrets, hits);
        scan("texts.log", textLines, secrets, hits);

        long apiauthLines = traceLines.stream().filter(line -> line.contains(" dev.apiauth.")).count();
        Reports.write("leak-scan.md", "| figure | value |\n|---|---|\n"
                + "| log lines captured at TRACE | " + traceLines.size() + " (of which apiauth's own: " + apiauthLines
                + ") |\n"
                + "| exception messages and `toString()`s recorded | " + textLines.size() + " lines |\n"
                + "| secrets searched for | " + secrets.size() + " (" + TestSecrets.fixed().size()
                + " fixed incl. HTTP Basic forms and the generated-token marker, " + (secrets.size()
                        - TestSecrets.fixed().size()) + " issued access tokens) |\n"
                + "| **secrets found** | **" + hits.size() + "** |\n");
        assertThat(traceLines).as("the run logged at TRACE").anyMatch(line -> line.contains(" TRACE ")
                || line.contains(" DEBUG "));
        assertThat(hits).as("secrets in logs, messages or toString()s").isEmpty();
    }

    private static void scan(String file, List<String> lines, Set<String> secrets, List<String> hits) {
        for (int i = 0; i < lines.size(); i++) {
            for (String secret : secrets) {
                if (lines.get(i).contains(secret)) {
                    hits.add(file + ":" + (i + 1) + " contains a secret: " + lines.get(i));
                    break;
                }
            }
        }
    }
}
