package dev.apiauth.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** One run of the contract on a contract class through JUnit's EngineTestKit, by rule. */
final class ContractRun {
    /** What happened to one rule. */
    record Outcome(TestExecutionResult.Status status, String message, Throwable error) {
    }

    final EngineExecutionResults results;
    final Map<Rule, Outcome> outcomes = new EnumMap<>(Rule.class);

    private ContractRun(EngineExecutionResults results) {
        this.results = results;
        results.testEvents().finished().stream().forEach(this::record);
    }

    static ContractRun of(Class<? extends AuthProviderContract> contract) {
        return new ContractRun(EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute());
    }

    private void record(Event event) {
        Optional<Rule> rule = Rule.fromDisplayName(event.getTestDescriptor().getDisplayName());
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        Throwable error = result.getThrowable().orElse(null);
        rule.ifPresent(r -> outcomes.put(r, new Outcome(result.getStatus(),
                error == null ? "" : String.valueOf(error.getMessage()), error)));
    }

    Set<Rule> with(TestExecutionResult.Status status) {
        Set<Rule> rules = new TreeSet<>();
        outcomes.forEach((rule, outcome) -> {
            if (outcome.status() == status) {
                rules.add(rule);
            }
        });
        return rules;
    }

    Set<Rule> failed() {
        return with(TestExecutionResult.Status.FAILED);
    }

    /** Skipped rules: not applying, or untested; not the warnings of SHOULD rules. */
    Set<Rule> skipped() {
        Set<Rule> rules = with(TestExecutionResult.Status.ABORTED);
        rules.removeAll(warned());
        return rules;
    }

    /** SHOULD rules not met: aborted with a warning. */
    Set<Rule> warned() {
        Set<Rule> rules = new TreeSet<>();
        outcomes.forEach((rule, outcome) -> {
            if (outcome.status() == TestExecutionResult.Status.ABORTED && TckExtension.isWarning(outcome.message())) {
                rules.add(rule);
            }
        });
        return rules;
    }

    Set<Rule> passed() {
        return with(TestExecutionResult.Status.SUCCESSFUL);
    }

    String message(Rule rule) {
        Outcome outcome = outcomes.get(rule);
        return outcome == null ? "" : outcome.message();
    }

    long containerFailures() {
        return results.containerEvents().stream().filter(event -> event.getType() == EventType.FINISHED)
                .filter(event -> event.getRequiredPayload(TestExecutionResult.class).getStatus()
                        == TestExecutionResult.Status.FAILED).count();
    }
}
