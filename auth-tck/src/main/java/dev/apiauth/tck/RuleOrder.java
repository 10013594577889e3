package dev.apiauth.tck;

import java.util.Comparator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/** Runs the rules in catalogue order, so reports read R1.1, R1.2, … R13.3. */
final class RuleOrder implements MethodOrderer {
    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparingInt(descriptor -> descriptor
                .findAnnotation(RuleTest.class).map(rule -> rule.value().ordinal()).orElse(Integer.MAX_VALUE)));
    }
}
