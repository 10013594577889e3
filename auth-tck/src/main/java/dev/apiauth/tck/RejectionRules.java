package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.Capability;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** R7: the API rejects a token. */
final class RejectionRules {
    private RejectionRules() {
    }

    static void newTokenAndOneRetry(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "a static credential cannot be replaced by a new token;"
                + " R7.2 still checks that the rejection surfaces");
        tck.tokens.answers(TokenAnswers::success);
        tck.api.answers(FakeApi.status(401), FakeApi::latestTokenOnly);
        Credentials credentials = tck.credentials();
        int status = RequestRules.get(tck, credentials);
        List<LoggedRequest> api = tck.api.requests();
        check(tck.tokens.requests().size() == 2, "after the API answered 401, " + (tck.tokens.requests().size() - 1)
                + " new token request(s) were made instead of 1");
        check(api.size() == 2, "the API received " + api.size() + " requests instead of the call and one retry");
        IssuedToken newToken = tck.issuer.issued().get(1);
        Map<String, String> second = tck.fixture.authorizedHeaders(newToken);
        Map<String, String> retried = headersOf(api.get(1));
        if (!Checks.carries(second, retried)) {
            // Blame an old token only when the retry carries one; headers that fit no token are R4.1's finding.
            RequestRules.carriedInstead(tck, retried, newToken).ifPresent(old -> fail("the retry did not carry the"
                    + " new token's headers (" + second.keySet() + ") but token " + old.sequence() + "'s: it carried "
                    + tck.secrets.redact(String.valueOf(headersOf(api.get(1), second.keySet())))
                    + ". The provider builds headers from an old token"));
            return;
        }
        check(status == 200, "the retried call ended with HTTP " + status + " instead of 200");
    }

    static void secondRejectionSurfaces(Tck tck) {
        if (tck.has(Capability.TOKEN_ENDPOINT)) {
            tck.tokens.answers(TokenAnswers::success);
        }
        tck.api.answers(FakeApi.status(401));
        Credentials credentials = tck.credentials();
        int status = RequestRules.get(tck, credentials);
        int apiCalls = tck.api.requests().size();
        check(apiCalls == 2, "an API that always answers 401 received " + apiCalls
                + " requests for one call instead of the call and exactly one retry");
        check(status == 401, "the caller got HTTP " + status + " instead of the second 401");
        check(tck.tokens.requests().size() <= 2, "one call against an API that always answers 401 caused "
                + tck.tokens.requests().size() + " token requests; at most 2 are expected");
    }

    static void declaresRejectedStatuses(Tck tck) {
        Set<Integer> declared = tck.provider.info().tokenRejectedStatuses();
        Set<Integer> missing = new TreeSet<>(tck.fixture.tokenRejectedStatuses());
        missing.removeAll(declared);
        check(missing.isEmpty(), "the vendor answers an expired token with " + tck.fixture.tokenRejectedStatuses()
                + " but the provider declares only " + declared + "; missing: " + missing);
    }

    /** Every header of {@code request}, first value each. */
    private static Map<String, String> headersOf(LoggedRequest request) {
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.getHeaders().all().forEach(header -> headers.put(header.key(), header.firstValue()));
        return headers;
    }

    private static Map<String, String> headersOf(LoggedRequest request, Set<String> names) {
        Map<String, String> headers = new java.util.TreeMap<>();
        names.forEach(name -> headers.put(name, request.getHeader(name)));
        return headers;
    }
}
