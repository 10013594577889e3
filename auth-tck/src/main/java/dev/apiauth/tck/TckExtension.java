package dev.apiauth.tck;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Wraps every rule: opens its {@link Tck} (failing loudly on a misconfigured fixture), turns any
 * failure into a message that names the rule, shows WireMock's near misses for requests the fixture
 * did not declare and ends with the rule's "if this fails, check" hint, and fails a rule whose checks
 * passed but whose provider sent undeclared requests.
 */
final class TckExtension implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
    /** The report entry that names the provider of a rule's run (read by {@link TckRunner}). */
    static final String PROVIDER_ENTRY = "apiauth.tck.provider";
    /**
     * How the message of a missed {@link Rule.Level#SHOULD} rule starts: it is reported as a warning
     * (the test is aborted, so it shows as skipped with this reason), never as a failure.
     */
    static final String WARNING = "WARNING: ";

    /** Whether a skip reason is a missed SHOULD rule's warning. */
    static boolean isWarning(String reason) {
        return reason != null && reason.startsWith(WARNING);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        AuthProviderContract contract = contract(context);
        contract.tck = Tck.open(contract, TckServer.shared());
        context.publishReportEntry(PROVIDER_ENTRY, contract.tck.fixture.providerId());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof TestAbortedException || thrown instanceof TckConfigurationException) {
            throw thrown;
        }
        Tck tck = contract(context).tck;
        Optional<Rule> rule = rule(context);
        if (tck == null || rule.isEmpty()) {
            throw thrown;
        }
        tck.failed = true;
        String unmatched = tck.tokens.unmatchedReport();
        StringBuilder message = new StringBuilder(opening(rule.get(), tck));
        if (thrown instanceof AssertionError) {
            message.append(thrown.getMessage());
        } else {
            message.append("the check ended with ").append(Checks.describe(thrown, tck.secrets))
                    .append(" (thrown by the provider or the engine; see the cause)");
        }
        if (!unmatched.isEmpty()) {
            message.append("\n\nThe provider sent requests the fixture does not declare. ").append(unmatched);
        }
        message.append("\n\nIf this fails, check: ").append(rule.get().hint());
        raise(rule.get(), message.toString(), thrown);
    }

    /** "R5.1 failed for provider 'x': ", or for a SHOULD rule "WARNING: R5.2 not met by provider 'x': ". */
    private static String opening(Rule rule, Tck tck) {
        return rule.level() == Rule.Level.SHOULD
                ? WARNING + rule.id() + " not met by provider '" + tck.fixture.providerId() + "' (a SHOULD rule: a"
                        + " warning, not a failure): "
                : rule.id() + " failed for provider '" + tck.fixture.providerId() + "': ";
    }

    /** A failure, or for a SHOULD rule a warning: an abort, so the build does not fail but the report shows it. */
    private static void raise(Rule rule, String message, Throwable cause) {
        if (rule.level() == Rule.Level.SHOULD) {
            throw new TestAbortedException(message, cause);
        }
        throw new AssertionFailedError(message, cause);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        AuthProviderContract contract = contract(context);
        Tck tck = contract.tck;
        if (tck == null) {
            return;
        }
        try {
            if (!tck.failed && context.getExecutionException().isEmpty()) {
                String unmatched = tck.tokens.unmatchedReport();
                if (!unmatched.isEmpty()) {
                    Rule rule = rule(context).orElseThrow();
                    raise(rule, opening(rule, tck) + "its checks passed, but the provider sent requests the"
                            + " fixture does not declare. " + unmatched + "\n\nIf this fails, check: " + rule.hint(),
                            null);
                }
            }
        } finally {
            contract.tck = null;
            tck.close();
        }
    }

    private static AuthProviderContract contract(ExtensionContext context) {
        Object instance = context.getRequiredTestInstance();
        if (!(instance instanceof AuthProviderContract contract)) {
            throw new TckConfigurationException(instance.getClass().getName() + " uses the TCK's extension but does"
                    + " not extend AuthProviderContract");
        }
        return contract;
    }

    private static Optional<Rule> rule(ExtensionContext context) {
        return context.getTestMethod().map(method -> method.getAnnotation(RuleTest.class)).map(RuleTest::value);
    }
}
