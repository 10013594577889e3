package dev.apiauth.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.TransientAuthException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** R11 transport security and R12 timeouts. */
final class TransportRules {
    static final String REDIRECT_TARGET = "/tck/redirected/token";
    static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(150);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    /** How long the hanging endpoint takes to answer: far beyond the configured bound. */
    static final Duration HANG = Duration.ofSeconds(3);
    /** The configured bound plus scheduling slack. */
    static final Duration BOUND = CALL_TIMEOUT.plusSeconds(1);

    private TransportRules() {
    }

    /**
     * A plain-http base URL that is not a loopback address by the engine's definition, yet routes to
     * this machine if a faulty provider sends to it anyway, so no packet ever leaves the host.
     */
    static URI insecureBaseUrl(Tck tck) {
        return URI.create("http://0.0.0.0:" + tck.server.port());
    }

    static void plainHttpRefused(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint to reach");
        URI insecure = insecureBaseUrl(tck);
        Attempt<AccessToken> attempt = Attempt.of(() -> tck.credentials(tck.fixture.settings(insecure),
                builder -> builder.retryPolicy(Tck.retryPolicy(1))).token());
        check(tck.server.requests().isEmpty(), "the provider sent " + tck.server.requests().size() + " request(s) over plain"
                + " http to " + insecure + " instead of refusing; obtaining a token " + attempt.describe(tck.secrets));
        RuntimeException error = attempt.error().orElseThrow(() -> fail("credentials pointed at " + insecure
                + " obtained a token"));
        boolean refused = error instanceof InvalidSettingsException
                || (error instanceof AuthException && !(error instanceof TransientAuthException)
                        && String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT).contains("https"));
        check(refused, "pointing the provider at " + insecure + " " + attempt.describe(tck.secrets)
                + "; expected InvalidSettingsException for the URL setting or an AuthException asking for https");
    }

    static void redirectsNotFollowed(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint to redirect");
        String target = tck.baseUrl() + REDIRECT_TARGET;
        stubRedirectTarget(tck);
        tck.tokens.answers(TokenAnswers.redirectTo(target));
        Attempt<AccessToken> attempt = Attempt.of(() -> tck.credentials(
                builder -> builder.retryPolicy(Tck.retryPolicy(1))).token());
        long followed = tck.server.requests().stream().filter(request -> request.getUrl().startsWith(REDIRECT_TARGET))
                .count();
        check(followed == 0, "the provider followed the token endpoint's redirect to " + target + " (" + followed
                + " request(s)), taking the credentials along");
        check(attempt.error(AuthException.class).isPresent(), "after a 307 redirect, obtaining a token "
                + attempt.describe(tck.secrets) + "; expected an AuthException saying the URL redirects");
    }

    /** Where the token endpoint redirects to: answers with a token, the worst case if a provider follows. */
    static void stubRedirectTarget(Tck tck) {
        tck.server.wireMock().stubFor(any(urlPathEqualTo(REDIRECT_TARGET))
                .willReturn(tck.endpoint().success(tck.issuer.issue(false))));
    }

    static void hangingEndpointFailsInTime(Tck tck) throws InterruptedException {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint to wait for");
        tck.tokens.answers(TokenAnswers.delayed(HANG));
        Credentials credentials = tck.credentials(tck.settings, builder -> builder
                .retryPolicy(Tck.retryPolicy(1))
                .transport(Tck.transport(RESPONSE_TIMEOUT, CALL_TIMEOUT)));
        long started = System.nanoTime();
        CompletableFuture<AccessToken> call = CompletableFuture.supplyAsync(credentials::token, runnable -> {
            Thread thread = new Thread(runnable, "apiauth-tck-hanging-call");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            AccessToken token = call.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            fail("the token endpoint took " + HANG.toSeconds() + " s to answer, beyond the configured bound (response"
                    + " timeout " + RESPONSE_TIMEOUT.toMillis() + " ms, call timeout " + CALL_TIMEOUT.toMillis()
                    + " ms), yet a token was returned (" + token + ")");
        } catch (TimeoutException e) {
            fail("obtaining a token from an endpoint that does not answer was still waiting after " + BOUND.toMillis()
                    + " ms, although the engine's response timeout is " + RESPONSE_TIMEOUT.toMillis()
                    + " ms and its call timeout " + CALL_TIMEOUT.toMillis() + " ms");
        } catch (ExecutionException e) {
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            check(e.getCause() instanceof TransientAuthException, "a hanging token endpoint made the call fail after "
                    + tookMillis + " ms with " + Checks.describe(e.getCause(), tck.secrets)
                    + "; expected TransientAuthException (a timeout is transient)");
        }
    }
}
