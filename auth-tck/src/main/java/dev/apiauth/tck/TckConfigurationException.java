package dev.apiauth.tck;

import java.util.List;

/**
 * The fixture or the contract class is set up wrongly (no fixture, a capability declared without
 * what it needs, …). Thrown before any rule runs, listing every problem, so a misconfiguration is
 * never mistaken for a pass or a skip.
 */
public final class TckConfigurationException extends RuntimeException {
    private final List<String> problems;

    public TckConfigurationException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public TckConfigurationException(String problem) {
        this(List.of(problem));
    }

    private static String describe(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a TckConfigurationException needs at least one problem");
        }
        StringBuilder text = new StringBuilder("the contract fixture is misconfigured, so no rule can run (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(problem -> text.append("\n  - ").append(problem));
        return text.toString();
    }

    /** Each problem, one sentence saying what to fix. */
    public List<String> problems() {
        return problems;
    }
}
