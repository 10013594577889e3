package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** R5 caching, R6 expiry and refresh, R9 concurrency. */
final class LifecycleRules {
    static final int CALLS_WHILE_FRESH = 100;
    static final int CONCURRENT_CALLERS = 64;
    static final int CALLS_PER_CALLER = 3;
    private static final Duration STEP = Duration.ofMinutes(1);
    /** R6.5: a main answer that varies by token shows it within a few tokens. */
    static final int TOKENS_OF_MAIN_ANSWER = 4;
    static final int TOKENS_PER_VARIANT = 2;
    /** R6.5: distinct lifetimes, so a provider that assumes one figure is caught too. */
    static final List<Duration> LIFETIMES = List.of(Duration.ofHours(1), Duration.ofMinutes(90),
            Duration.ofMinutes(30), Duration.ofHours(2));

    private LifecycleRules() {
    }

    static void oneRequestWhileFresh(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "nothing is fetched, so nothing is cached");
        tck.tokens.answers(TokenAnswers::success);
        Credentials credentials = tck.credentials();
        Map<String, String> first = credentials.headers();
        for (int i = 1; i < CALLS_WHILE_FRESH; i++) {
            check(first.equals(credentials.headers()), "call " + (i + 1) + " of " + CALLS_WHILE_FRESH
                    + " got different headers although the token was fresh and the clock did not move");
        }
        check(tck.tokens.requests().size() == 1, CALLS_WHILE_FRESH + " calls while the token was fresh caused "
                + tck.tokens.requests().size() + " token requests instead of 1; the token is reported as "
                + describe(credentials.token()));
    }

    static void noRequestBeforeUse(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token endpoint to call early");
        tck.tokens.answers(TokenAnswers::success);
        tck.credentials();
        check(tck.server.requests().isEmpty(), "building the credentials sent " + tck.server.requests().size()
                + " request(s) before anyone asked for a token");
    }

    static void reportsLifetime(Tck tck) {
        Checks.requires(tck, Capability.EXPIRING_TOKENS, "the vendor's tokens carry no lifetime");
        tck.tokens.answers(TokenAnswers::success);
        AccessToken token = tck.credentials().token();
        IssuedToken issued = tck.issuer.issuedFor(token);
        check(issued.sequence() == 1, "the engine hands out a token the TCK did not issue");
        Instant announced = issued.expiresAt().orElseThrow();
        Optional<Instant> reported = token.expiresAt();
        check(reported.isPresent(), "the vendor announced a lifetime of " + TokenIssuer.LIFETIME.toSeconds()
                + " s, but the provider reports the token's expiry as unknown");
        Duration off = Duration.between(announced, reported.get()).abs();
        check(off.compareTo(Duration.ofSeconds(1)) <= 0, "the vendor announced expiry at " + announced
                + " (lifetime " + TokenIssuer.LIFETIME.toSeconds() + " s), but the provider reports " + reported.get()
                + ", off by " + off.toSeconds() + " s");
    }

    static void refreshedBeforeExpiry(Tck tck) {
        Checks.requires(tck, Capability.EXPIRING_TOKENS, "the vendor's tokens carry no lifetime");
        List<Observation> walk = walkThroughFirstLifetime(tck);
        for (Observation seen : walk) {
            // Headers of the wrong form for every token are R4.1's finding; only another token's are this rule's.
            check(seen.carriedInstead.isEmpty(), () -> "at " + seen.at + " the headers handed out with token "
                    + seen.token.sequence() + " carry token " + seen.carriedInstead.orElseThrow().sequence()
                    + ": the provider builds headers from another token");
            check(seen.token.expiresAt().map(seen.at::isBefore).orElse(true), () -> "at " + seen.at + " callers got token "
                    + seen.token.sequence() + ", which expired at " + seen.token.expiresAt().orElseThrow());
        }
        Observation last = walk.get(walk.size() - 1);
        check(last.token.sequence() > 1, () -> "at " + last.at + ", " + Duration.between(last.at, tck.issuer.issued().get(0)
                .expiresAt().orElseThrow()).toSeconds() + " s before token 1 expires, callers still got token 1: no"
                + " refresh happened before expiry (the provider reports its expiry as "
                + last.reportedExpiry.map(Instant::toString).orElse("unknown") + ")");
    }

    static void keptForMostOfLifetime(Tck tck) {
        Checks.requires(tck, Capability.EXPIRING_TOKENS, "the vendor's tokens carry no lifetime");
        walkThroughFirstLifetime(tck);
        Instant half = DeterministicEngines.START.plus(TokenIssuer.LIFETIME.dividedBy(2));
        if (tck.issuer.issued().size() > 1) {
            Instant second = tck.issuer.issued().get(1).issuedAt();
            check(!second.isBefore(half), "token 1 of lifetime " + TokenIssuer.LIFETIME.toMinutes() + " min was replaced at "
                    + second + ", " + Duration.between(DeterministicEngines.START, second).toMinutes() + " min after it was issued"
                    + " (before half its lifetime)");
        }
    }

    static void unknownLifetimeKeptUntilRejected(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no tokens are fetched");
        boolean appliesToVendor = !tck.has(Capability.EXPIRING_TOKENS)
                || tck.endpoint().alsoIssuesTokensWithoutLifetime();
        Checks.appliesOnlyIf(appliesToVendor, "the vendor always announces a lifetime (the fixture declares"
                + " EXPIRING_TOKENS and not alsoIssuesTokensWithoutLifetime)");
        tck.issuer.lifetime(Optional.empty());
        tck.tokens.answers(TokenAnswers::success);
        Credentials credentials = tck.credentials();
        AccessToken first = credentials.token();
        check(first.expiresAt().isEmpty(), () -> "the vendor announced no lifetime, but the provider reports the"
                + " token expires at " + first.expiresAt().orElseThrow() + "; leave the expiry unset");
        for (int day = 1; day <= 30; day++) {
            tck.clock.advance(Duration.ofDays(1));
            AccessToken current = credentials.token();
            check(current.value().equals(first.value()), "a token of unknown lifetime was replaced after " + day
                    + " day(s) without being rejected");
        }
        check(tck.tokens.requests().size() == 1, "30 days of use caused " + tck.tokens.requests().size()
                + " token requests instead of 1");
        check(credentials.rejected(credentials.authorization()), "the engine did not accept the rejection");
        AccessToken replaced = credentials.token();
        check(!replaced.value().equals(first.value()) && tck.tokens.requests().size() == 2, "after the API rejected"
                + " the token, " + (tck.tokens.requests().size() - 1) + " new token request(s) were made instead of 1");
    }

    /**
     * R6.5: tokens from every shape of the success answer (the main one for several tokens, since it
     * may vary by token, then each declared variant), each with another lifetime, must carry the
     * lifetime announced in them.
     */
    static void lifetimeFromEveryAnswer(Tck tck) {
        Checks.requires(tck, Capability.EXPIRING_TOKENS, "the vendor's tokens carry no lifetime");
        Credentials credentials = tck.credentials();
        List<String> problems = new ArrayList<>();
        int variants = tck.endpoint().successVariants().size();
        int round = 0;
        for (int variant = 0; variant < variants; variant++) {
            int tokens = variant == 0 ? TOKENS_OF_MAIN_ANSWER : TOKENS_PER_VARIANT;
            for (int i = 0; i < tokens; i++, round++) {
                Duration lifetime = LIFETIMES.get(round % LIFETIMES.size());
                tck.issuer.lifetime(Optional.of(lifetime));
                tck.tokens.answers(TokenAnswers.successVariant(variant));
                credentials.invalidate();
                String which = (variant == 0 ? "the main success answer" : "success variant " + variant
                        + " (alsoSucceedsWith)");
                int before = tck.issuer.issued().size();
                Attempt<AccessToken> attempt = Attempt.of(credentials::token);
                if (attempt.failed()) {
                    problems.add("with " + which + ", obtaining token " + (before + 1) + " "
                            + attempt.describe(tck.secrets));
                    continue;
                }
                IssuedToken issued = tck.issuer.issuedFor(attempt.value());
                Instant announced = issued.expiresAt().orElseThrow();
                Optional<Instant> reported = attempt.value().expiresAt();
                if (reported.isEmpty()) {
                    problems.add("token " + issued.sequence() + " from " + which + " announced a lifetime of "
                            + lifetime.toSeconds() + " s, but the provider reports its expiry as unknown");
                } else if (Duration.between(announced, reported.get()).abs().compareTo(Duration.ofSeconds(1)) > 0) {
                    problems.add("token " + issued.sequence() + " from " + which + " announced a lifetime of "
                            + lifetime.toSeconds() + " s (expiry " + announced + "), but the provider reports "
                            + reported.get());
                }
            }
        }
        int total = round;
        check(problems.isEmpty(), () -> "of " + total + " tokens, " + problems.size() + " did not carry the lifetime"
                + " their answer announced: " + String.join("; ", problems));
    }

    static void concurrentCallersShareOneRequest(Tck tck) throws Exception {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "nothing is fetched");
        // The answer is slow so that every caller arrives while the first request is in flight.
        tck.tokens.answers(TokenAnswers.delayed(Duration.ofMillis(100)));
        Credentials credentials = tck.credentials();
        ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT_CALLERS);
        try {
            CountDownLatch ready = new CountDownLatch(CONCURRENT_CALLERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Authorization>> results = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_CALLERS; i++) {
                results.add(callers.submit(() -> {
                    ready.countDown();
                    go.await();
                    // Each caller makes a few calls, as request threads do: the token must stay shared.
                    Authorization first = credentials.authorization();
                    for (int call = 1; call < CALLS_PER_CALLER; call++) {
                        credentials.authorization();
                    }
                    return first;
                }));
            }
            check(ready.await(5, TimeUnit.SECONDS), "the caller threads did not start");
            go.countDown();
            Set<String> tokens = new HashSet<>();
            List<String> failures = new ArrayList<>();
            for (Future<Authorization> result : results) {
                try {
                    tokens.add(result.get(10, TimeUnit.SECONDS).token().value());
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(Checks.describe(e.getCause(), tck.secrets));
                } catch (TimeoutException e) {
                    fail("a caller was still waiting for a token after 10 s");
                }
            }
            check(failures.isEmpty(), failures.size() + " of " + CONCURRENT_CALLERS + " callers failed, e.g. "
                    + (failures.isEmpty() ? "" : failures.get(0)));
            check(tck.tokens.requests().size() == 1 && tokens.size() == 1, CONCURRENT_CALLERS + " concurrent callers"
                    + " caused " + tck.tokens.requests().size() + " token requests and got " + tokens.size()
                    + " different tokens instead of 1; the token is reported as " + describe(credentials.token()));
        } finally {
            callers.shutdownNow();
        }
    }

    /** What callers got at one instant. */
    private record Observation(Instant at, IssuedToken token, Optional<IssuedToken> carriedInstead,
            Optional<Instant> reportedExpiry) {
    }

    /**
     * Uses the credentials every minute of the first token's lifetime, up to one second before it
     * expires, recording which token callers got.
     */
    private static List<Observation> walkThroughFirstLifetime(Tck tck) {
        tck.tokens.answers(TokenAnswers::success);
        Credentials credentials = tck.credentials();
        List<Observation> walk = new ArrayList<>();
        Instant end = DeterministicEngines.START.plus(TokenIssuer.LIFETIME).minusSeconds(1);
        for (Instant at = DeterministicEngines.START; !at.isAfter(end); at = at.plus(STEP).isAfter(end) && at.isBefore(end) ? end
                : at.plus(STEP)) {
            tck.clock.set(at);
            Authorization authorization = credentials.authorization();
            IssuedToken token = tck.issuer.issuedFor(authorization.token());
            walk.add(new Observation(at, token, RequestRules.carriedInstead(tck, authorization.headers(), token),
                    authorization.token().expiresAt()));
        }
        return walk;
    }

    private static String describe(AccessToken token) {
        return "issued at " + token.issuedAt() + ", expiring " + token.expiresAt().map(Instant::toString).orElse("never");
    }
}
