package dev.apiauth.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.VerificationException;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The fake token endpoint on the TCK's server: answers the fixture's token request with the rule's
 * script, and tells which requests matched it and why others did not.
 */
final class ScriptedTokenEndpoint {
    private final TckServer server;
    private final ContractFixture fixture;
    private final SecretScanner secrets;
    private final CredentialDiff credentialDiff;
    private final AnswerScript<TokenAnswer> script = new AnswerScript<>();
    private volatile UUID stub;

    ScriptedTokenEndpoint(TckServer server, ContractFixture fixture, SecretScanner secrets) {
        this.server = server;
        this.fixture = fixture;
        this.secrets = secrets;
        this.credentialDiff = new CredentialDiff(secrets);
    }

    /** Stubs the fixture's token request; each request gets the next answer, the last one repeats. */
    void answers(TokenAnswer... answers) {
        script.set(answers);
        if (stub == null) {
            StubMapping mapping = server.wireMock().stubFor(fixture.tokenEndpoint().orElseThrow().request()
                    .willReturn(aResponse().withTransformers(TckServer.TOKEN_ANSWERS)));
            stub = mapping.getId();
        }
    }

    /** The token requests the provider sent that matched the fixture's request, oldest first. */
    List<LoggedRequest> requests() {
        UUID id = stub;
        List<LoggedRequest> requests = new ArrayList<>();
        for (ServeEvent event : server.wireMock().getAllServeEvents()) {
            if (id != null && event.getStubMapping() != null && id.equals(event.getStubMapping().getId())) {
                requests.add(event.getRequest());
            }
        }
        Collections.reverse(requests);
        return requests;
    }

    /** The next scripted answer to {@code event}, for the server. */
    ResponseDefinition answer(Tck tck, ServeEvent event) {
        Optional<TokenAnswer> next = script.next();
        if (next.isEmpty()) {
            return aResponse().withStatus(599).withBody("the rule scripted no token answer").build();
        }
        return next.get().answer(tck, event);
    }

    /**
     * WireMock's report of requests that matched no stub, with near misses, secrets redacted; empty
     * when there were none.
     */
    String unmatchedReport() {
        try {
            server.wireMock().checkForUnmatchedRequests();
            return "";
        } catch (VerificationException e) {
            // The report quotes whole requests, credentials included: show them as <setting ...>, and
            // say where redacted credentials differ, which the redacted report cannot show.
            String report = secrets.redact(e.getMessage());
            if (fixture.tokenEndpoint().isPresent()) {
                RequestPattern declared = fixture.tokenEndpoint().orElseThrow().request().build().getRequest();
                List<LoggedRequest> unmatched = server.wireMock().findAllUnmatchedRequests();
                report += credentialDiff.differingLines(declared, unmatched)
                        + credentialDiff.explain(declared, unmatched);
            }
            return report;
        }
    }
}
