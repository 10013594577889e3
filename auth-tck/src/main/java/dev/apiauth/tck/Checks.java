package dev.apiauth.tck;

import dev.apiauth.spi.Capability;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Small helpers the rule families share: applicability, failure and exception descriptions. */
final class Checks {
    private Checks() {
    }

    /** Skips the rule with {@code reason} unless the fixture declares {@code capability}. */
    static void requires(Tck tck, Capability capability, String reason) {
        Assumptions.assumeTrue(tck.has(capability),
                () -> "does not apply: the fixture does not declare " + capability + " (" + reason + ")");
    }

    /** Skips the rule with {@code reason} when {@code applies} is false. */
    static void appliesOnlyIf(boolean applies, String reason) {
        Assumptions.assumeTrue(applies, () -> "does not apply: " + reason);
    }

    /** How the reason of an {@link Rule.Level#UNTESTED} rule's skip starts. */
    static final String UNTESTED = "untested: ";

    /** Reports an {@link Rule.Level#UNTESTED} rule as skipped, saying what to review by hand. */
    static void untested(Rule rule) {
        throw new TestAbortedException(UNTESTED + "the TCK cannot observe this, so it is not checked; review by hand"
                + " (" + rule.id() + "): " + rule.hint());
    }

    /** Fails the rule with {@code message}. */
    static AssertionFailedError fail(String message) {
        throw new AssertionFailedError(message);
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            fail(message);
        }
    }

    /** As {@link #check(boolean, String)}, building the message only on failure. */
    static void check(boolean condition, java.util.function.Supplier<String> message) {
        if (!condition) {
            fail(message.get());
        }
    }

    /** Whether {@code actual} carries every header of {@code declared} with its value (names case-insensitive). */
    static boolean carries(java.util.Map<String, String> declared, java.util.Map<String, String> actual) {
        java.util.Map<String, String> byName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(actual);
        return declared.entrySet().stream().allMatch(header -> header.getValue().equals(byName.get(header.getKey())));
    }

    /** {@code SimpleName: message}, secrets redacted, plus the first cause when it adds something. */
    static String describe(Throwable error, SecretScanner secrets) {
        StringBuilder text = new StringBuilder(error.getClass().getName()).append(": ")
                .append(secrets.redact(error.getMessage()));
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            text.append(" (caused by ").append(cause.getClass().getName()).append(": ")
                    .append(secrets.redact(cause.getMessage())).append(")");
        }
        return text.toString();
    }

    /** {@code error}, its causes and everything suppressed along the way. */
    static List<Throwable> chain(Throwable error) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        collect(error, all, seen);
        return all;
    }

    private static void collect(Throwable error, List<Throwable> all, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return;
        }
        all.add(error);
        collect(error.getCause(), all, seen);
        for (Throwable suppressed : error.getSuppressed()) {
            collect(suppressed, all, seen);
        }
    }
}
