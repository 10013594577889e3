package dev.apiauth.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.tck.reference.BrokenProviders;
import dev.apiauth.tck.reference.ClientCredentialsProvider;
import dev.apiauth.tck.reference.RefreshingProvider;
import dev.apiauth.tck.reference.StaticProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command-line runner, run in-process on the fixtures registered in the TCK's test class path. */
@Timeout(60)
class TckRunnerTest {
    @TempDir
    Path reports;

    @Test
    void runsEveryRegisteredFixtureAndPrintsARuleByProviderTable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = TckRunner.run(new String[] {"--reports-dir", reports.toString()}, print(out));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(table).isZero();
        String header = table.lines().filter(line -> line.startsWith("rule ")).findFirst().orElseThrow();
        assertThat(header).contains(ClientCredentialsProvider.ID, RefreshingProvider.ID, StaticProvider.ID);
        assertThat(row(table, Rule.R5_1)).contains("R5.1   MUST").containsPattern("passed +\\| passed +\\| skipped");
        assertThat(row(table, Rule.R13_2)).containsPattern("skipped +\\| passed +\\| skipped");
        assertThat(table).contains("Skipped:")
                .contains(StaticProvider.ID + " R5.1: Assumption failed: does not apply: the fixture does not declare"
                        + " TOKEN_ENDPOINT")
                .doesNotContain("Failures:")
                .contains("Untested (part of the contract, not checked by the TCK; review by hand):")
                .contains(StaticProvider.ID + " R11.3: untested: ")
                .doesNotContain("Warnings")
                .containsPattern("(?m)^\\d+ passed, 0 failed, 0 warnings, 3 untested, \\d+ skipped$");
        assertThat(row(table, Rule.R11_3)).contains("R11.3  UNTESTED").containsPattern("untested +\\| untested");
        String xml = xmlReport();
        // JUnit 5 names test cases after the display name, JUnit 6 after the method: count, do not quote.
        assertThat(xml).contains("tests=\"" + 3 * Rule.values().length + "\"")
                .contains("classname=\"" + ContractSuite.class.getName() + "\"")
                .contains("<skipped")
                .as("an untested rule is a skipped test case saying so").contains("untested: the TCK cannot observe");
    }

    @Test
    void reportsFailuresWithTheReasonAndExitsWithOne() throws IOException {
        Path services = reports.resolve("extra/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ContractFixture.class.getName()),
                "dev.apiauth.tck.reference.LeaksSecretFixture\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = TckRunner.run(new String[] {"--class-path", reports.resolve("extra").toString(),
            "--providers", BrokenProviders.LeaksSecretInMessage.ID, "--reports-dir", reports.toString()}, print(out));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(table).isEqualTo(1);
        assertThat(row(table, Rule.R10_1)).contains("FAILED");
        assertThat(row(table, Rule.R10_2)).contains("passed");
        assertThat(table).contains("Failures:")
                .contains(BrokenProviders.LeaksSecretInMessage.ID + " R10.1: R10.1 failed for provider")
                .contains("shows the setting 'client-secret'")
                .doesNotContain(ClientCredentialsProvider.ID + " ")
                .containsPattern("(?m)^\\d+ passed, 1 failed, 0 warnings, 1 untested, 3 skipped$");
        assertThat(xmlReport()).contains("<failure").contains("shows the setting");
    }

    @Test
    void reportsAMissedShouldRuleAsAWarningThatDoesNotFailTheRun() throws IOException {
        Path services = reports.resolve("extra/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ContractFixture.class.getName()),
                "dev.apiauth.tck.reference.UnflaggedTokenSettingFixture\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = TckRunner.run(new String[] {"--class-path", reports.resolve("extra").toString(),
            "--providers", BrokenProviders.UnflaggedTokenSetting.ID, "--reports-dir", reports.toString()}, print(out));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(table).isZero();
        assertThat(row(table, Rule.R1_7)).contains("R1.7   SHOULD").contains("warning");
        assertThat(table).contains("Warnings (SHOULD rules not met; they do not fail the run):")
                .contains(BrokenProviders.UnflaggedTokenSetting.ID + " R1.7: WARNING: R1.7 not met by provider")
                .doesNotContain("Failures:")
                .containsPattern("(?m)^\\d+ passed, 0 failed, 1 warnings, 1 untested, 3 skipped$");
        assertThat(xmlReport()).contains("WARNING: R1.7 not met");
    }

    @Test
    void theExcerptKeepsTheFirstLinesTheDifferencesAndTheHintOnce() {
        StringBuilder message = new StringBuilder("R3.1 failed for provider 'x': the request does not match");
        for (int line = 1; line <= 20; line++) {
            message.append("\nnear-miss line ").append(line);
        }
        String sections = "\n" + CredentialDiff.DIFFERING + "\n  - header 'Authorization': declared A / sent B\n"
                + CredentialDiff.HEADING + " (values withheld):\n  - the Basic credential's password: expected raw";
        message.append(sections).append("\nmore report").append(sections).append("\n\nIf this fails, check: it");

        String excerpt = TckRunner.firstLines(new AssertionError(message.toString()));

        assertThat(excerpt).startsWith("R3.1 failed for provider 'x'").contains("near-miss line 11")
                .doesNotContain("near-miss line 12").doesNotContain("more report")
                .contains("  - header 'Authorization': declared A / sent B")
                .contains("  - the Basic credential's password: expected raw")
                .contains("If this fails, check: it")
                .endsWith("… (the whole message is in the JUnit XML report)");
        assertThat(excerpt.lines().filter(line -> line.startsWith(CredentialDiff.HEADING))).hasSize(1);
    }

    @Test
    void refusesUnknownArgumentsWithUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = TckRunner.run(new String[] {"--frobnicate"}, print(out));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown argument '--frobnicate'").contains("usage:");
    }

    @Test
    void anUnknownProviderFilterIsAFailureNotAnEmptySuccess() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = TckRunner.run(new String[] {"--providers", "nobody", "--reports-dir", reports.toString()},
                print(out));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isNotZero();
        assertThat(text).contains("no registered ContractFixture is for [nobody]");
    }

    private static String row(String table, Rule rule) {
        return table.lines().filter(line -> line.startsWith(rule.id() + " ")).findFirst().orElseThrow();
    }

    private String xmlReport() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(reports)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".xml")).toList();
        }
        assertThat(files).isNotEmpty();
        StringBuilder xml = new StringBuilder();
        for (Path file : files) {
            xml.append(Files.readString(file, StandardCharsets.UTF_8));
        }
        return xml.toString();
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
