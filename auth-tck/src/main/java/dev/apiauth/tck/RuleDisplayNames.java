package dev.apiauth.tck;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/** Names each {@link RuleTest} after its rule, e.g. {@code R5.1 MUST serves many calls …}. */
final class RuleDisplayNames extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
            Method testMethod) {
        RuleTest rule = testMethod.getAnnotation(RuleTest.class);
        return rule != null ? rule.value().displayName()
                : super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
    }
}
