package dev.apiauth.spi;

import java.util.List;

/** The settings given to a provider are wrong; lists every problem at once, never a secret's value. */
@Api(status = Api.Status.STABLE)
public final class InvalidSettingsException extends AuthException {
    /** Each problem, one sentence. */
    private final List<String> problems;

    /**
     * Settings refused for one or more problems.
     *
     * @param providerId the provider the settings are for
     * @param problems one sentence per problem, naming the setting; not empty
     * @throws IllegalArgumentException if there is no problem
     */
    public InvalidSettingsException(String providerId, List<String> problems) {
        super(providerId, describe(problems));
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSettingsException needs at least one problem");
        }
        StringBuilder text = new StringBuilder("invalid settings (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(problem -> text.append("\n  - ").append(problem));
        return text.toString();
    }

    /** {@return each problem, one sentence that names the setting and how to fix it} */
    public List<String> problems() {
        return problems;
    }
}
