package dev.apiauth.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders {@code RULES.md} from the {@link Rule} catalogue, so the document cannot drift from the
 * code ({@link RuleCatalogueTest} compares them). Regenerate with
 * {@code java -cp … dev.apiauth.tck.RulesDocument} from the module directory, or copy the expected
 * text from the failing test.
 */
final class RulesDocument {
    static final Path FILE = Path.of("RULES.md");

    private static final Map<Integer, String> FAMILIES = Map.ofEntries(
            Map.entry(1, "Discovery and metadata"),
            Map.entry(2, "Settings"),
            Map.entry(3, "Token request shape"),
            Map.entry(4, "Authorized requests"),
            Map.entry(5, "Caching"),
            Map.entry(6, "Expiry and refresh"),
            Map.entry(7, "Rejection by the API"),
            Map.entry(8, "Error mapping"),
            Map.entry(9, "Concurrency"),
            Map.entry(10, "Redaction"),
            Map.entry(11, "Transport security"),
            Map.entry(12, "Timeouts"),
            Map.entry(13, "Persistence and consent"));

    private RulesDocument() {
    }

    static String render() {
        StringBuilder text = new StringBuilder();
        text.append("# apiauth TCK rules\n\n")
                .append("Every provider must pass these rules; `AuthProviderContract` has one test per rule, named\n")
                .append("after it (`R5.1 MUST …`). Each rule has a level:\n\n")
                .append("- **MUST**: required; a miss fails the rule and the build.\n")
                .append("- **SHOULD**: expected, but a vendor may legitimately differ; a miss is reported as a\n")
                .append("  warning (the test is skipped with a reason starting `WARNING:`, the runner's table says\n")
                .append("  `warning`) and does not fail the build.\n")
                .append("- **UNTESTED**: part of the contract but not observable by the TCK; kept visible, always\n")
                .append("  skipped with a reason starting `untested:` that says what to review by hand.\n\n")
                .append("A rule that does not apply to the fixture's capabilities is reported as skipped with the\n")
                .append("reason.\n\n")
                .append("This file is generated from `dev.apiauth.tck.Rule`; the TCK's own tests fail when they\n")
                .append("differ. Each MUST rule has a negative control: a deliberately broken provider in the TCK's\n")
                .append("tests that fails it.\n");
        int family = 0;
        for (Rule rule : Rule.values()) {
            if (rule.family() != family) {
                family = rule.family();
                text.append("\n## R").append(family).append(" ").append(FAMILIES.get(family)).append("\n");
            }
            text.append("\n### ").append(rule.id()).append(" ").append(rule.level()).append(" — ").append(rule.title())
                    .append("\n\n")
                    .append("Why: ").append(rule.rationale()).append("\n\n")
                    .append("If this fails, check: ").append(rule.hint()).append("\n");
        }
        return text.toString();
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(FILE, render(), StandardCharsets.UTF_8);
    }
}
