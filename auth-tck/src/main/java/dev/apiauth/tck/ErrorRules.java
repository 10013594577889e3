package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.MalformedResponseException;
import dev.apiauth.spi.TransientAuthException;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.util.Optional;

/** R8: how the provider maps the vendor's answers to typed errors. */
final class ErrorRules {
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private ErrorRules() {
    }

    static void rejectedCredentials(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint can refuse credentials");
        tck.tokens.answers(TokenAnswers::rejected);
        Credentials credentials = tck.credentials();
        Attempt<AccessToken> first = Attempt.of(credentials::token);
        CredentialsRejectedException rejected = first.error(CredentialsRejectedException.class).orElseThrow(() -> fail(
                "the vendor refused the credentials (HTTP " + status(tck.endpoint().rejectedCredentials()) + "), but"
                        + " obtaining a token " + first.describe(tck.secrets)
                        + "; expected CredentialsRejectedException"));
        String vendorMessage = tck.endpoint().rejectionMessage();
        check(String.valueOf(rejected.getMessage()).contains(vendorMessage)
                || rejected.errorDescription().orElse("").contains(vendorMessage), "the CredentialsRejectedException"
                + " does not carry the vendor's message '" + vendorMessage + "': " + tck.secrets.redact(rejected.getMessage()));
        int status = status(tck.endpoint().rejectedCredentials());
        check(rejected.status() == status, "the CredentialsRejectedException says HTTP " + rejected.status()
                + " but the vendor answered " + status);
        check(tck.tokens.requests().size() == 1, "rejected credentials were sent " + tck.tokens.requests().size()
                + " times; a refusal must not be retried");
        Attempt<AccessToken> again = Attempt.of(credentials::token);
        check(again.error(CredentialsRejectedException.class).isPresent() && tck.tokens.requests().size() == 1,
                "asking again right after the refusal " + again.describe(tck.secrets) + " and made "
                        + (tck.tokens.requests().size() - 1) + " more token request(s)");
    }

    static void serverErrorIsTransient(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint can fail");
        int status = status(tck.endpoint().serverError());
        tck.tokens.answers(TokenAnswers::serverError);
        Attempt<AccessToken> once = Attempt.of(() -> tck.credentials(b -> b.retryPolicy(Tck.retryPolicy(1))).token());
        TransientAuthException error = once.error(TransientAuthException.class).orElseThrow(() -> fail(
                "the vendor answered HTTP " + status + ", but obtaining a token " + once.describe(tck.secrets)
                        + "; expected TransientAuthException so the engine retries"));
        check(error.status().isEmpty() || error.status().getAsInt() == status, "the TransientAuthException says HTTP "
                + error.status() + " but the vendor answered " + status);
        int before = tck.tokens.requests().size();
        tck.tokens.answers(TokenAnswers::serverError, TokenAnswers::success);
        Attempt<AccessToken> retried = Attempt.of(() -> tck.credentials().token());
        check(!retried.failed() && tck.tokens.requests().size() - before == 2, "with one HTTP " + status
                + " and then a success, obtaining a token " + retried.describe(tck.secrets) + " after "
                + (tck.tokens.requests().size() - before) + " token requests; expected a retry and a token");
    }

    static void rateLimitedHonoursRetryAfter(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint to rate-limit");
        tck.tokens.answers(TokenAnswers.rateLimited(RETRY_AFTER));
        Attempt<AccessToken> once = Attempt.of(() -> tck.credentials(b -> b.retryPolicy(Tck.retryPolicy(1))).token());
        TransientAuthException error = once.error(TransientAuthException.class).orElseThrow(() -> fail(
                "the vendor answered 429, but obtaining a token " + once.describe(tck.secrets)
                        + "; expected TransientAuthException"));
        check(error.retryAfter().filter(RETRY_AFTER::equals).isPresent(), "the vendor asked to retry after "
                + RETRY_AFTER.toSeconds() + " s, but the TransientAuthException carries retryAfter "
                + error.retryAfter().map(wait -> wait.toSeconds() + " s").orElse("empty"));
        int before = tck.tokens.requests().size();
        tck.sleeps.clear();
        tck.tokens.answers(TokenAnswers.rateLimited(RETRY_AFTER), TokenAnswers::success);
        Attempt<AccessToken> retried = Attempt.of(() -> tck.credentials().token());
        check(!retried.failed(), "with one 429 and then a success, obtaining a token " + retried.describe(tck.secrets));
        Duration longest = tck.sleeps.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        check(longest.compareTo(RETRY_AFTER) >= 0 && tck.tokens.requests().size() - before == 2, "after a 429 with"
                + " Retry-After " + RETRY_AFTER.toSeconds() + " s the engine waited at most " + longest.toMillis()
                + " ms before asking again");
    }

    static void htmlIsMalformed(Tck tck) {
        malformed(tck, TokenAnswers::html, "an HTML page with status 200");
    }

    static void emptyIsMalformed(Tck tck) {
        malformed(tck, TokenAnswers::empty, "status 200 and an empty body");
    }

    static void truncatedIsMalformed(Tck tck) {
        malformed(tck, TokenAnswers::truncated, "the vendor's success answer cut off in the middle");
    }

    static void withoutTokenIsMalformed(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint to answer");
        Optional<ResponseDefinition> answer = TokenAnswers.successWithoutToken(tck);
        Checks.appliesOnlyIf(answer.isPresent(), "the vendor's success answer is not a JSON object carrying the token"
                + " in a string member");
        Attempt<AccessToken> attempt = malformedAttempt(tck, (t, request) -> answer.get());
        check(attempt.error(MalformedResponseException.class).isPresent(), "the token endpoint answered HTTP "
                + answer.get().getStatus() + " with the vendor's success answer minus the member carrying the token,"
                + " and obtaining a token " + (attempt.failed() ? attempt.describe(tck.secrets)
                        : "succeeded with a token of " + attempt.value().value().length() + " characters ('"
                                + tck.secrets.redact(attempt.value().value()) + "')")
                + "; expected MalformedResponseException naming the missing token field");
        check(tck.tokens.requests().size() == 1, "an answer without a token was asked for " + tck.tokens.requests().size()
                + " times; it is not retried in a loop");
    }

    private static Attempt<AccessToken> malformedAttempt(Tck tck, TokenAnswer answer) {
        tck.tokens.answers(answer);
        return Attempt.of(() -> tck.credentials().token());
    }

    private static void malformed(Tck tck, TokenAnswer answer, String what) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint to answer");
        tck.tokens.answers(answer);
        Attempt<AccessToken> attempt = Attempt.of(() -> tck.credentials().token());
        check(attempt.error(MalformedResponseException.class).isPresent(), "the token endpoint answered with " + what
                + ", and obtaining a token " + attempt.describe(tck.secrets)
                + "; expected MalformedResponseException");
        check(tck.tokens.requests().size() == 1, "a malformed answer was asked for " + tck.tokens.requests().size()
                + " times; it is not retried in a loop");
    }

    private static int status(ResponseDefinitionBuilder answer) {
        return answer.build().getStatus();
    }
}
