package dev.apiauth.spring.boot;

import dev.apiauth.spi.InvalidSettingsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns apiauth's start-up failure, every problem with the {@code apiauth.accounts} settings, into
 * Spring Boot's "APPLICATION FAILED TO START" report: one line per problem and what to do. The
 * problems never contain a secret's value.
 */
final class ApiAuthFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        StringBuilder description = new StringBuilder("The apiauth accounts are not configured correctly (")
                .append(cause.problems().size()).append(cause.problems().size() == 1 ? " problem):" : " problems):");
        cause.problems().forEach(problem -> description.append("\n  - ").append(problem));
        return new FailureAnalysis(description.toString(),
                "Fix the apiauth.accounts.<name>.provider and apiauth.accounts.<name>.settings.* properties named"
                        + " above. 'authctl describe <provider>' lists a provider's settings.",
                cause);
    }
}
