package dev.apiauth.tck;

import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The contract every apiauth provider must pass. Write one test class that extends it and returns
 * the provider's {@link ContractFixture}:
 *
 * <pre>{@code
 * class MyVendorContractTest extends AuthProviderContract {
 *     @Override
 *     protected ContractFixture fixture() {
 *         return new MyVendorFixture();
 *     }
 * }
 * }</pre>
 *
 * <p>Each test checks one numbered {@link Rule} and is named after it ({@code R5.1 MUST …}); the
 * rules, why they exist and what to check when one fails are listed in {@code RULES.md}. The TCK
 * runs the provider through the real engine ({@code Credentials}, its HTTP transport and its
 * HttpClient 5 integration) against a WireMock server it owns (loopback, dynamic port) with a
 * {@link FakeClock}. A rule that does not apply to the fixture's capabilities is skipped with the
 * reason; a misconfigured fixture fails every rule with {@link TckConfigurationException}; a request
 * the fixture did not declare fails the rule with WireMock's near-miss report. Every rule is bounded
 * in time, so a hanging provider fails instead of hanging the build.
 *
 * <p>The rules share one WireMock server per test run, so contract classes run one at a time even
 * when JUnit runs tests in parallel.
 */
@ExtendWith(TckExtension.class)
@DisplayNameGeneration(RuleDisplayNames.class)
@TestMethodOrder(RuleOrder.class)
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ResourceLock("dev.apiauth.tck.server")
public abstract class AuthProviderContract {
    /** The running rule's harness; set by {@link TckExtension} around each rule. */
    Tck tck;

    /** The fixture describing the provider under test: its dummy account, token endpoint and headers. */
    protected abstract ContractFixture fixture();

    /** How the raw settings reach the engine. A seam for the TCK's own negative controls. */
    Settings engineSettings(Map<String, String> values) {
        return Settings.of(values);
    }

    /** The HTTP client API requests go through. A seam for the TCK's own negative controls. */
    CloseableHttpClient apiClient(Credentials credentials) {
        return AuthExecChainHandler.install(HttpClients.custom(), credentials).disableAutomaticRetries().build();
    }

    // R1 discovery and metadata

    @RuleTest(Rule.R1_1)
    void foundByServiceLoader() {
        DiscoveryRules.foundByServiceLoader(tck);
    }

    @RuleTest(Rule.R1_2)
    void idFormat() {
        DiscoveryRules.idFormat(tck);
    }

    @RuleTest(Rule.R1_3)
    void spiVersion() {
        DiscoveryRules.spiVersion(tck);
    }

    @RuleTest(Rule.R1_4)
    void infoComplete() {
        DiscoveryRules.infoComplete(tck);
    }

    @RuleTest(Rule.R1_5)
    void capabilitiesMatchFixture() {
        DiscoveryRules.capabilitiesMatch(tck);
    }

    @RuleTest(Rule.R1_6)
    void secretSettingsFlagged() {
        DiscoveryRules.secretsFlagged(tck);
    }

    @RuleTest(Rule.R1_7)
    void credentialLikeSettingsFlagged() {
        DiscoveryRules.credentialNamesFlagged(tck);
    }

    // R2 settings

    @RuleTest(Rule.R2_1)
    void missingRequiredSettingsRefused() {
        SettingsRules.missingRequiredRefused(tck);
    }

    @RuleTest(Rule.R2_2)
    void unknownSettingsRefused() {
        SettingsRules.unknownRefused(tck);
    }

    @RuleTest(Rule.R2_3)
    void secretSettingsNeverEchoed() {
        SettingsRules.secretsNeverEchoed(tck);
    }

    @RuleTest(Rule.R2_4)
    void crossSettingProblemsNeverEchoSecrets() {
        SettingsRules.crossSettingProblemsKeepSecrets(tck);
    }

    @RuleTest(Rule.R2_5)
    void settingsItCannotDoWithoutAreDeclaredRequired() {
        SettingsRules.indispensableSettingsDeclaredRequired(tck);
    }

    // R3 token request

    @RuleTest(Rule.R3_1)
    void sendsExactlyTheDeclaredTokenRequest() {
        RequestRules.exactTokenRequest(tck);
    }

    @RuleTest(Rule.R3_2)
    void sendsCredentialsOnlyWhereDeclared() {
        RequestRules.credentialsOnlyWhereDeclared(tck);
    }

    @RuleTest(Rule.R3_3)
    void sendsThroughTheEngineTransport() {
        RequestRules.throughEngineTransport(tck);
    }

    // R4 authorized request

    @RuleTest(Rule.R4_1)
    void authorizesWithExactlyTheDeclaredHeaders() {
        RequestRules.exactAuthorizedHeaders(tck);
    }

    @RuleTest(Rule.R4_2)
    void headersComeFromTheGivenToken() {
        RequestRules.headersFromTheGivenToken(tck);
    }

    // R5 caching

    @RuleTest(Rule.R5_1)
    void oneTokenRequestWhileFresh() {
        LifecycleRules.oneRequestWhileFresh(tck);
    }

    @RuleTest(Rule.R5_2)
    void noTokenRequestBeforeFirstUse() {
        LifecycleRules.noRequestBeforeUse(tck);
    }

    // R6 expiry and refresh

    @RuleTest(Rule.R6_1)
    void reportsTheAnnouncedLifetime() {
        LifecycleRules.reportsLifetime(tck);
    }

    @RuleTest(Rule.R6_2)
    void refreshedBeforeExpiry() {
        LifecycleRules.refreshedBeforeExpiry(tck);
    }

    @RuleTest(Rule.R6_3)
    void keptForMostOfItsLifetime() {
        LifecycleRules.keptForMostOfLifetime(tck);
    }

    @RuleTest(Rule.R6_4)
    void unknownLifetimeKeptUntilRejected() {
        LifecycleRules.unknownLifetimeKeptUntilRejected(tck);
    }

    @RuleTest(Rule.R6_5)
    void lifetimeReadFromEverySuccessAnswer() {
        LifecycleRules.lifetimeFromEveryAnswer(tck);
    }

    // R7 rejection

    @RuleTest(Rule.R7_1)
    void rejectedTokenReplacedAndRetriedOnce() {
        RejectionRules.newTokenAndOneRetry(tck);
    }

    @RuleTest(Rule.R7_2)
    void secondRejectionSurfaces() {
        RejectionRules.secondRejectionSurfaces(tck);
    }

    @RuleTest(Rule.R7_3)
    void declaresTheVendorsRejectedStatuses() {
        RejectionRules.declaresRejectedStatuses(tck);
    }

    // R8 error mapping

    @RuleTest(Rule.R8_1)
    void rejectedCredentialsArePermanent() {
        ErrorRules.rejectedCredentials(tck);
    }

    @RuleTest(Rule.R8_2)
    void serverErrorsAreTransient() {
        ErrorRules.serverErrorIsTransient(tck);
    }

    @RuleTest(Rule.R8_3)
    void rateLimitHonoursRetryAfter() {
        ErrorRules.rateLimitedHonoursRetryAfter(tck);
    }

    @RuleTest(Rule.R8_4)
    void htmlAnswerIsMalformed() {
        ErrorRules.htmlIsMalformed(tck);
    }

    @RuleTest(Rule.R8_5)
    void emptyAnswerIsMalformed() {
        ErrorRules.emptyIsMalformed(tck);
    }

    @RuleTest(Rule.R8_6)
    void truncatedAnswerIsMalformed() {
        ErrorRules.truncatedIsMalformed(tck);
    }

    @RuleTest(Rule.R8_7)
    void answerWithoutTokenIsMalformed() {
        ErrorRules.withoutTokenIsMalformed(tck);
    }

    // R9 concurrency

    @RuleTest(Rule.R9_1)
    void concurrentCallersShareOneTokenRequest() throws Exception {
        LifecycleRules.concurrentCallersShareOneRequest(tck);
    }

    // R10 redaction

    @RuleTest(Rule.R10_1)
    void noSecretInExceptionMessages() {
        RedactionRules.noSecretInExceptionMessages(tck);
    }

    @RuleTest(Rule.R10_2)
    void noSecretInToString() throws Exception {
        RedactionRules.noSecretInToString(tck);
    }

    @RuleTest(Rule.R10_3)
    void noSecretInLogs() {
        RedactionRules.noSecretInLogs(tck);
    }

    @RuleTest(Rule.R10_4)
    void noSecretInRateLimitScope() {
        RedactionRules.noSecretInRateLimitScope(tck);
    }

    // R11 transport security

    @RuleTest(Rule.R11_1)
    void plainHttpToNonLoopbackRefused() {
        TransportRules.plainHttpRefused(tck);
    }

    @RuleTest(Rule.R11_2)
    void redirectsNotFollowed() {
        TransportRules.redirectsNotFollowed(tck);
    }

    @RuleTest(Rule.R11_3)
    void tlsChecksKept() {
        Checks.untested(Rule.R11_3);
    }

    // R12 timeouts

    @RuleTest(Rule.R12_1)
    void hangingEndpointFailsInTime() throws InterruptedException {
        TransportRules.hangingEndpointFailsInTime(tck);
    }

    // R13 persistence

    @RuleTest(Rule.R13_1)
    void refreshTokenKeptInStore() {
        PersistenceRules.refreshTokenInStore(tck);
    }

    @RuleTest(Rule.R13_2)
    void refreshTokenSurvivesRestart() {
        PersistenceRules.survivesRestart(tck);
    }

    @RuleTest(Rule.R13_3)
    void missingConsentAsksForInteraction() {
        PersistenceRules.missingConsentAsksForInteraction(tck);
    }
}
