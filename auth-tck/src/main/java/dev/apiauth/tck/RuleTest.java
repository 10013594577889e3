package dev.apiauth.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;

/**
 * Marks the test that checks one {@link Rule}; its display name becomes the rule's
 * {@link Rule#displayName()} ({@link RuleDisplayNames}), so code, report and RULES.md cannot drift.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@interface RuleTest {
    Rule value();
}
