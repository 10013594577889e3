package dev.apiauth.reliability.faults;

import dev.apiauth.reliability.support.Outcome;
import dev.apiauth.reliability.support.Vendor;
import java.util.Map;

/** The faults × providers × outcome table, in Markdown. */
final class FaultTable {
    private FaultTable() {
    }

    static String key(Vendor vendor, TokenEndpointFault fault) {
        return vendor.id() + "/" + fault.name();
    }

    static String markdown(Map<String, FaultMatrixTest.Cell> cells, Map<String, FaultMatrixTest.KnownBug> bugs) {
        StringBuilder table = new StringBuilder();
        int passed = 0;
        int failed = 0;
        int knownBugs = 0;
        long slowest = 0;
        table.append("| # | token-endpoint fault | expected outcome |");
        Vendor.all().forEach(vendor -> table.append(' ').append(vendor.id()).append(" |"));
        table.append("\n|---|---|---|");
        Vendor.all().forEach(vendor -> table.append("---|"));
        table.append('\n');
        int row = 0;
        for (TokenEndpointFault fault : TokenEndpointFault.values()) {
            table.append("| ").append(++row).append(" | ").append(fault.label()).append(" | ")
                    .append(fault.expected().label()).append(" |");
            for (Vendor vendor : Vendor.all()) {
                FaultMatrixTest.Cell cell = cells.get(key(vendor, fault));
                table.append(' ');
                if (cell == null || cell.outcome == null) {
                    table.append("not run");
                    failed++;
                } else {
                    if (cell.knownBug != null) {
                        table.append("**bug**: ");
                        knownBugs++;
                    } else if (cell.passed) {
                        passed++;
                    } else {
                        table.append("**FAILED**: ");
                        failed++;
                    }
                    table.append(cell.outcome == fault.expected() ? "✓" : cell.outcome.label())
                            .append(", ").append(cell.elapsed.toMillis()).append(" ms");
                    if (!cell.recovered) {
                        table.append(", not recovered");
                    }
                    slowest = Math.max(slowest, cell.elapsed.toMillis());
                }
                table.append(" |");
            }
            table.append('\n');
        }
        StringBuilder out = new StringBuilder();
        int total = TokenEndpointFault.values().length * Vendor.all().size();
        out.append("**").append(total).append(" cases** (").append(TokenEndpointFault.values().length)
                .append(" faults × ").append(Vendor.all().size()).append(" providers): ").append(passed)
                .append(" passed every check, ").append(knownBugs).append(" show a known bug, ").append(failed)
                .append(" failed. Slowest outcome: ").append(slowest).append(" ms (bound: call timeout ")
                .append(FaultMatrixTest.CALL_TIMEOUT.toMillis()).append(" ms + ").append(FaultMatrixTest.SLACK.toMillis())
                .append(" ms slack).\n\n");
        out.append("✓ = the expected outcome, and also: the time to it under the bound, no secret in the exception,"
                + " its causes, `toString()`s or the TRACE log lines of the case, no thread left behind, a second"
                + " caller failing at once without a new token request (WireMock rows), and a token from the same"
                + " credentials once the endpoint healed. A cell shows the time the caller"
                + " waited for the outcome.\n\n");
        out.append(table);
        bugs.forEach((key, bug) -> out.append("\n- **bug** `").append(key).append("`: ").append(bug.description()));
        if (!bugs.isEmpty()) {
            out.append('\n');
        }
        return out.toString();
    }
}
