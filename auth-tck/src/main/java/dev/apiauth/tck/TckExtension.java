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
        String unmatched = tck.unmatchedReport();
        StringBuilder message = new StringBuilder(rule.get().id()).append(" failed for provider '")
                .append(tck.fixture.providerId()).append("': ");
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
        throw new AssertionFailedError(message.toString(), thrown);
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
                String unmatched = tck.unmatchedReport();
                if (!unmatched.isEmpty()) {
                    Rule rule = rule(context).orElseThrow();
                    throw new AssertionFailedError(rule.id() + " failed for provider '" + tck.fixture.providerId()
                            + "': its checks passed, but the provider sent requests the fixture does not declare. "
                            + unmatched + "\n\nIf this fails, check: " + rule.hint());
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
