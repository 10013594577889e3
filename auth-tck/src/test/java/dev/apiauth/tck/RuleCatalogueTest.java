package dev.apiauth.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.Event;

/** Keeps the one rule catalogue, the contract's tests, RULES.md and the negative controls in step. */
class RuleCatalogueTest {
    @Test
    void rulesDocumentListsEveryRuleWithItsRationaleAndHint() throws IOException {
        String document = Files.readString(RulesDocument.FILE, StandardCharsets.UTF_8);

        assertThat(document).as("RULES.md is generated from Rule: run RulesDocument.main in auth-tck")
                .isEqualTo(RulesDocument.render());
        for (Rule rule : Rule.values()) {
            assertThat(document).contains("### " + rule.id() + " " + rule.level() + " — " + rule.title());
        }
    }

    @Test
    void everyRuleHasExactlyOneTestAndEveryTestChecksARule() {
        Map<Rule, List<String>> tests = new EnumMap<>(Rule.class);
        List<String> unmarked = new ArrayList<>();
        for (Method method : AuthProviderContract.class.getDeclaredMethods()) {
            RuleTest rule = method.getAnnotation(RuleTest.class);
            if (rule != null) {
                tests.computeIfAbsent(rule.value(), key -> new ArrayList<>()).add(method.getName());
            } else if (method.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                unmarked.add(method.getName());
            }
        }
        assertThat(unmarked).as("tests that check no rule").isEmpty();
        assertThat(tests.keySet()).isEqualTo(EnumSet.allOf(Rule.class));
        tests.forEach((rule, methods) -> assertThat(methods).as(rule.id()).hasSize(1));
    }

    @Test
    @Timeout(30)
    void everyTestIsDisplayedAsItsRule() {
        List<String> names = ContractRun.of(StaticContractTest.class).results.testEvents().finished().stream()
                .map(Event::getTestDescriptor).map(descriptor -> descriptor.getDisplayName()).toList();

        assertThat(names).hasSize(Rule.values().length);
        for (String name : names) {
            assertThat(Rule.fromDisplayName(name)).as(name).isPresent();
            assertThat(name).isEqualTo(Rule.fromDisplayName(name).orElseThrow().displayName());
        }
        assertThat(names).containsExactlyElementsOf(
                EnumSet.allOf(Rule.class).stream().map(Rule::displayName).toList());
    }

    @Test
    void everyMustRuleHasANegativeControl() {
        Set<Rule> controlled = BrokenProvidersTest.EXPECTATIONS.stream()
                .flatMap(expectation -> expectation.targets().stream()).collect(Collectors.toSet());
        Set<Rule> must = EnumSet.allOf(Rule.class).stream().filter(rule -> rule.level() == Rule.Level.MUST)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));

        assertThat(controlled).containsAll(must);
    }

    @Test
    void ruleIdsAreUniqueAndNumberedWithinTheirFamily() {
        Map<Integer, Integer> last = new java.util.HashMap<>();
        for (Rule rule : Rule.values()) {
            assertThat(rule.id()).matches("R\\d+\\.\\d+");
            int number = Integer.parseInt(rule.id().substring(rule.id().indexOf('.') + 1));
            assertThat(number).as(rule.id()).isEqualTo(last.getOrDefault(rule.family(), 0) + 1);
            last.put(rule.family(), number);
            assertThat(rule.rationale()).as(rule.id()).isNotBlank();
            assertThat(rule.hint()).as(rule.id()).isNotBlank();
        }
        assertThat(last.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    }
}
