package dev.apiauth.tck;

import static dev.apiauth.tck.Rule.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import dev.apiauth.spi.FormEncoding;
import dev.apiauth.tck.reference.ClientCredentialsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The TCK proves itself: each deliberately broken provider (or engine) fails exactly the rules its
 * mistake breaks, with a message that names the rule, says what went wrong and where to look, and
 * passes every other rule that applies.
 */
class BrokenProvidersTest {
    private static final Set<Rule> CLIENT_CREDENTIALS_SKIPS = EnumSet.of(R11_3, R13_1, R13_2, R13_3);
    private static final Set<Rule> REFRESHING_SKIPS = EnumSet.of(R6_4, R11_3);

    /**
     * One negative control: the contract class, the rules its fault targets, other rules the fault
     * necessarily breaks too, the rules skipped for its fixture, and a clue the first target's
     * failure message must contain.
     */
    record Expectation(Class<? extends AuthProviderContract> contract, Set<Rule> targets, Set<Rule> collateral,
            Set<Rule> skipped, String clue) {
        /** The MUST rules broken: they fail. */
        Set<Rule> failing() {
            return missed(Rule.Level.MUST);
        }

        /** The SHOULD rules broken: they are reported as warnings. */
        Set<Rule> warned() {
            return missed(Rule.Level.SHOULD);
        }

        private Set<Rule> missed(Rule.Level level) {
            Set<Rule> all = EnumSet.copyOf(targets);
            all.addAll(collateral);
            all.removeIf(rule -> rule.level() != level);
            return all;
        }

        @Override
        public String toString() {
            return contract.getSimpleName();
        }
    }

    /** Every rule that sends a token request: a provider whose request never matches fails them all. */
    private static final Set<Rule> TALKS_TO_TOKEN_ENDPOINT = EnumSet.of(R3_2, R3_3, R4_1, R4_2, R5_1, R6_1, R6_2,
            R6_3, R6_4, R6_5, R7_1, R7_2, R8_1, R8_2, R8_3, R8_4, R8_5, R8_6, R8_7, R9_1, R10_1, R10_2, R10_3, R11_2,
            R12_1);

    static final List<Expectation> EXPECTATIONS = List.of(
            clientCredentials(BrokenContracts.MissingFromServices.class, EnumSet.of(R1_1),
                    "is not registered in META-INF/services"),
            clientCredentials(BrokenContracts.InvalidIdAndSpi.class, EnumSet.of(R1_2, R1_3), "'Broken_Id'"),
            clientCredentials(BrokenContracts.IncompleteInfo.class, EnumSet.of(R1_4, R1_5), "'docs/auth.html'"),
            new Expectation(BrokenContracts.SecretNotFlagged.class, EnumSet.of(R1_6, R1_7, R2_3),
                    EnumSet.of(R10_2), CLIENT_CREDENTIALS_SKIPS, "'client-secret' is declared but not flagged secret"),
            new Expectation(BrokenContracts.WrongCaseProviderId.class, EnumSet.of(R1_1), EnumSet.noneOf(Rule.class),
                    CLIENT_CREDENTIALS_SKIPS, "found provider 'tck-reference' — ids are lower-case"),
            clientCredentials(BrokenContracts.MixedCaseId.class, EnumSet.of(R1_1, R1_2),
                    "found provider 'TCK-Mixed-Case' — ids are lower-case: make"),
            new Expectation(BrokenContracts.ClientIdOptional.class, EnumSet.of(R2_1), EnumSet.of(R2_5),
                    CLIENT_CREDENTIALS_SKIPS, "[client-id]"),
            clientCredentials(BrokenContracts.UnflaggedTokenSetting.class, EnumSet.of(R1_7),
                    "not flagged secret: [proxy-token]"),
            clientCredentials(BrokenContracts.SecretInValidate.class, EnumSet.of(R2_4),
                    "with 'client-auth' = none, a settings problem shows the setting 'client-secret'"),
            clientCredentials(BrokenContracts.SecretOptionalFailsLate.class, EnumSet.of(R2_5),
                    "without 'client-secret', obtaining a token sent nothing and threw"),
            clientCredentials(BrokenContracts.EngineIgnoresUnknownSettings.class, EnumSet.of(R2_2),
                    "'tck-unknown-setting'"),
            new Expectation(BrokenContracts.WrongTokenRequest.class, EnumSet.of(R3_1), TALKS_TO_TOKEN_ENDPOINT,
                    CLIENT_CREDENTIALS_SKIPS, "scope=read+write"),
            new Expectation(BrokenContracts.RawBasicCredentials.class, EnumSet.of(R3_1), TALKS_TO_TOKEN_ENDPOINT,
                    CLIENT_CREDENTIALS_SKIPS, "the Basic credential's password (the setting 'client-secret'): expected"
                            + " form-urlencoded (RFC 6749 §2.3.1), got raw"),
            clientCredentials(BrokenContracts.CredentialsInQuery.class, EnumSet.of(R3_2),
                    "the setting 'client-secret' was sent in [query]"),
            clientCredentials(BrokenContracts.OwnHttpClient.class, EnumSet.of(R3_3, R11_1, R11_2, R12_1),
                    "Java-http-client"),
            clientCredentials(BrokenContracts.ExtraSecretHeader.class, EnumSet.of(R4_1),
                    "header 'x-client-secret' is not declared"),
            clientCredentials(BrokenContracts.WrongHeaderFormat.class, EnumSet.of(R4_1),
                    "header 'authorization' is '"),
            clientCredentials(BrokenContracts.HeadersFromLastFetched.class, EnumSet.of(R4_2),
                    "carry no token ('null')"),
            clientCredentials(BrokenContracts.ExpiresImmediately.class, EnumSet.of(R5_1, R6_1, R6_3, R6_5, R9_1),
                    "got different headers although the token was fresh"),
            clientCredentials(BrokenContracts.IgnoresExpiresIn.class, EnumSet.of(R6_1, R6_2, R6_5),
                    "reports the token's expiry as unknown"),
            clientCredentials(BrokenContracts.StringLifetimeIgnored.class, EnumSet.of(R6_5),
                    "token 2 from the main success answer announced a lifetime of 5400 s, but the provider reports"
                            + " its expiry as unknown"),
            clientCredentials(BrokenContracts.InventsLifetime.class, EnumSet.of(R6_4),
                    "the vendor announced no lifetime"),
            clientCredentials(BrokenContracts.StaleHeaders.class, EnumSet.of(R4_2, R6_2, R7_1),
                    "the provider builds headers from another token"),
            clientCredentials(BrokenContracts.IntegrationRetriesForever.class, EnumSet.of(R7_2), "received 4 requests"),
            refreshing(BrokenContracts.Forgets403.class, EnumSet.of(R7_3), "missing: [403]"),
            clientCredentials(BrokenContracts.GenericErrorOnRejection.class, EnumSet.of(R8_1),
                    "expected CredentialsRejectedException"),
            clientCredentials(BrokenContracts.ServerErrorAsRejection.class, EnumSet.of(R8_2),
                    "expected TransientAuthException so the engine retries"),
            clientCredentials(BrokenContracts.RetryAfterIgnored.class, EnumSet.of(R8_3), "carries retryAfter empty"),
            clientCredentials(BrokenContracts.ParsesBodyItself.class, EnumSet.of(R8_4, R8_5, R8_6, R8_7),
                    "expected MalformedResponseException"),
            clientCredentials(BrokenContracts.AcceptsMissingToken.class, EnumSet.of(R8_7),
                    "succeeded with a token of 4 characters ('null')"),
            clientCredentials(BrokenContracts.LeaksSecretInMessage.class, EnumSet.of(R10_1),
                    "CredentialsRejectedException shows the setting 'client-secret'"),
            clientCredentials(BrokenContracts.LeakyToString.class, EnumSet.of(R10_2),
                    "its TokenSource prints the setting 'client-secret'"),
            clientCredentials(BrokenContracts.LogsSecret.class, EnumSet.of(R10_3),
                    "a log line shows the setting 'client-secret'"),
            clientCredentials(BrokenContracts.SecretInRateLimitScope.class, EnumSet.of(R10_4),
                    "rateLimitScope() of a token source contains the setting 'client-secret'"),
            refreshing(BrokenContracts.ForgetsRotatedRefreshToken.class, EnumSet.of(R13_1, R13_2),
                    "does not hold the current refresh token"),
            new Expectation(BrokenContracts.CrashesWithoutConsent.class, EnumSet.of(R13_3), EnumSet.of(R2_5),
                    REFRESHING_SKIPS, "expected InteractionRequiredException"));

    private static Expectation clientCredentials(Class<? extends AuthProviderContract> contract, Set<Rule> targets,
            String clue) {
        return new Expectation(contract, targets, EnumSet.noneOf(Rule.class), CLIENT_CREDENTIALS_SKIPS, clue);
    }

    private static Expectation refreshing(Class<? extends AuthProviderContract> contract, Set<Rule> targets,
            String clue) {
        return new Expectation(contract, targets, EnumSet.noneOf(Rule.class), REFRESHING_SKIPS, clue);
    }

    /**
     * The negative controls the build's second (JUnit 6) run repeats, one or two per kind of check,
     * to prove the kit on that platform without doubling the build time.
     */
    private static final Set<Class<?>> SAMPLE = Set.of(BrokenContracts.MissingFromServices.class,
            BrokenContracts.SecretNotFlagged.class, BrokenContracts.EngineIgnoresUnknownSettings.class,
            BrokenContracts.WrongTokenRequest.class, BrokenContracts.OwnHttpClient.class,
            BrokenContracts.StaleHeaders.class, BrokenContracts.ParsesBodyItself.class,
            BrokenContracts.LeaksSecretInMessage.class, BrokenContracts.ForgetsRotatedRefreshToken.class);

    static Stream<Arguments> expectations() {
        boolean sampleOnly = "sample".equals(System.getProperty("apiauth.tck.negativeControls"));
        return EXPECTATIONS.stream().filter(expectation -> !sampleOnly || SAMPLE.contains(expectation.contract()))
                .map(expectation -> Arguments.argumentSet(
                expectation.toString() + " fails " + expectation.targets(), expectation));
    }

    @ParameterizedTest
    @MethodSource("expectations")
    @Timeout(30)
    void failsExactlyTheRulesItsFaultBreaksAndSaysWhy(Expectation expected) {
        ContractRun run = ContractRun.of(expected.contract());

        assertThat(run.containerFailures()).as("container failures").isZero();
        assertThat(run.failed()).as("failed rules").isEqualTo(expected.failing());
        assertThat(run.warned()).as("rules warned about").isEqualTo(expected.warned());
        assertThat(run.skipped()).as("skipped rules").isEqualTo(expected.skipped());
        Set<Rule> passing = EnumSet.allOf(Rule.class);
        passing.removeAll(expected.failing());
        passing.removeAll(expected.warned());
        passing.removeAll(expected.skipped());
        assertThat(run.passed()).as("passed rules").isEqualTo(passing);
        for (Rule rule : expected.failing()) {
            ContractRun.Outcome outcome = run.outcomes.get(rule);
            assertThat(outcome.error()).as(rule.id()).isInstanceOf(AssertionFailedError.class);
            assertReport(rule, outcome.message(), rule.id() + " failed for provider '");
        }
        for (Rule rule : expected.warned()) {
            ContractRun.Outcome outcome = run.outcomes.get(rule);
            assertThat(outcome.error()).as(rule.id()).isInstanceOf(TestAbortedException.class);
            assertReport(rule, outcome.message(), "WARNING: " + rule.id() + " not met by provider '");
        }
        Rule first = expected.targets().iterator().next();
        assertThat(run.message(first)).as("the message of " + first.id()).contains(expected.clue());
    }

    private static long excerptLines(String message, String start) {
        return TckRunner.firstLines(new AssertionError(message)).lines().filter(line -> line.startsWith(start))
                .count();
    }

    private static void assertReport(Rule rule, String message, String opening) {
        assertThat(message).as(rule.id())
                .startsWith(opening)
                .endsWith("If this fails, check: " + rule.hint())
                .as(rule.id() + ": the kit itself does not crash")
                .doesNotContain("the check ended with java.lang.NullPointerException")
                .as(rule.id() + ": the kit's own report shows secrets redacted")
                .doesNotContain(ClientCredentialsFixture.CLIENT_SECRET, FormEncoding.formEncode(
                        ClientCredentialsFixture.CLIENT_SECRET), "tck-refreshing-secret-93b1");
    }

    @Test
    @Timeout(30)
    void headersOfTheWrongFormAreBlamedOnR41NotOnOldTokens() {
        ContractRun run = ContractRun.of(BrokenContracts.WrongHeaderFormat.class);

        assertThat(run.failed()).containsExactly(R4_1);
        assertThat(run.passed()).contains(R4_2, R6_2, R7_1);
        assertThat(run.message(R4_1)).contains("header 'authorization' is 'Token <access token 1>' instead of"
                + " 'Bearer <access token 1>'");
    }

    @Test
    @Timeout(30)
    void aRedactedCredentialThatDiffersOnlyInEncodingIsExplainedWithoutShowingIt() {
        ContractRun run = ContractRun.of(BrokenContracts.RawBasicCredentials.class);

        String message = run.message(R3_1);
        assertThat(excerptLines(message, CredentialDiff.HEADING)).as("said once in the excerpt").isEqualTo(1);
        assertThat(message).contains("Where the redacted credentials differ")
                .contains("the Basic credential's user: expected 'tck-client%404711', got 'tck-client@4711';"
                        + " expected form-urlencoded (RFC 6749 §2.3.1), got raw")
                .doesNotContain(ClientCredentialsFixture.CLIENT_SECRET)
                .doesNotContain(FormEncoding.formEncode(ClientCredentialsFixture.CLIENT_SECRET));
        String excerpt = TckRunner.firstLines(run.outcomes.get(R3_1).error());
        assertThat(excerpt).as("the runner's and authctl's excerpt").contains(CredentialDiff.DIFFERING)
                .containsPattern("  - header 'Authorization': declared .*Basic <setting 'client-secret' \\(in a"
                        + " Basic credential\\)> / sent Basic <setting 'client-secret' \\(in a Basic credential\\)>")
                .doesNotContain("  - header 'Accept'")
                .contains("expected form-urlencoded (RFC 6749 §2.3.1), got raw")
                .contains("If this fails, check: ");
    }
}
