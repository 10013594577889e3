package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.Secret;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** R13: refresh tokens survive restarts; no consent means "ask a person". */
final class PersistenceRules {
    private PersistenceRules() {
    }

    static void refreshTokenInStore(Tck tck) {
        Checks.requires(tck, Capability.REFRESH_TOKENS, "the provider keeps no refresh token");
        seedStore(tck);
        tck.tokens.answers(TokenAnswers::success);
        Attempt<AccessToken> token = Attempt.of(() -> tck.credentials().token());
        token.error().ifPresent(error -> fail("with the consent stored, obtaining a token "
                + token.describe(tck.secrets)));
        String current = currentRefreshToken(tck);
        Map<String, String> stored = tck.store.contents();
        check(stored.containsValue(current), "after the first token request the engine's secret store does not hold"
                + " the current refresh token (" + describeCurrent(tck) + "); it holds keys " + stored.keySet());
    }

    static void survivesRestart(Tck tck) {
        Checks.requires(tck, Capability.REFRESH_TOKENS, "the provider keeps no refresh token");
        seedStore(tck);
        tck.tokens.answers(TokenAnswers::success);
        Credentials first = tck.credentials();
        Attempt<AccessToken> before = Attempt.of(first::token);
        before.error().ifPresent(error -> fail("before the restart, obtaining a token " + before.describe(tck.secrets)));
        first.close();
        String current = currentRefreshToken(tck);
        Map<String, String> settings = tck.fixture.refreshTokens().orElseThrow().settingsAfterRestart(tck.baseUrl())
                .orElse(tck.settings);
        Attempt<AccessToken> after = Attempt.of(() -> tck.credentials(settings, UnaryOperator.identity()).token());
        List<LoggedRequest> requests = tck.tokens.requests();
        check(requests.size() == 2, "after the restart " + (requests.size() - 1) + " token request(s) were sent"
                + " instead of 1; obtaining a token " + after.describe(tck.secrets));
        LoggedRequest restarted = requests.get(1);
        String sent = restarted.getHeaders() + "\n" + restarted.getUrl() + "\n" + restarted.getBodyAsString();
        check(tck.secrets.contains(sent, current), "after the restart the token request did not carry the current"
                + " refresh token (" + describeCurrent(tck) + "); the provider does not read it from the engine's"
                + " secret store");
        after.error().ifPresent(error -> fail("after the restart, obtaining a token " + after.describe(tck.secrets)));
    }

    static void missingConsentAsksForInteraction(Tck tck) {
        Checks.requires(tck, Capability.INTERACTIVE_CONSENT, "no person needs to grant consent");
        tck.tokens.answers(TokenAnswers::success);
        Map<String, String> settings = tck.fixture.settingsWithoutConsent(tck.baseUrl()).orElseThrow();
        Attempt<AccessToken> attempt = Attempt.of(() -> tck.credentials(settings, UnaryOperator.identity()).token());
        check(tck.server.requests().isEmpty(), "without consent the provider sent " + tck.server.requests().size()
                + " request(s); it cannot succeed, so it must not call the vendor");
        InteractionRequiredException error = attempt.error(InteractionRequiredException.class).orElseThrow(() -> fail(
                "without consent, obtaining a token " + attempt.describe(tck.secrets)
                        + "; expected InteractionRequiredException saying how to grant consent"));
        String message = String.valueOf(error.getMessage());
        check(message.length() > tck.provider.id().length() + 20, "the InteractionRequiredException does not say how"
                + " to grant consent: '" + message + "'");
    }

    /** Puts the fixture's stored secrets where the engine's scoped store looks for them. */
    static void seedStore(Tck tck) {
        tck.fixture.refreshTokens().orElseThrow().storedSecrets().forEach((key, value) ->
                tck.store.save(storeKey(tck, key), Secret.of(value)));
    }

    /** The key the engine stores a provider's {@code key} under, to seed the store. */
    static String storeKey(Tck tck, String key) {
        return dev.apiauth.core.Credentials.secretStoreKey(tck.provider.id(), key);
    }

    private static String currentRefreshToken(Tck tck) {
        for (int i = tck.issuer.issued().size() - 1; i >= 0; i--) {
            if (tck.issuer.issued().get(i).refreshToken().isPresent()) {
                return tck.issuer.issued().get(i).refreshToken().get();
            }
        }
        return tck.fixture.refreshTokens().orElseThrow().refreshToken();
    }

    private static String describeCurrent(Tck tck) {
        boolean rotated = tck.issuer.issued().stream().anyMatch(token -> token.refreshToken().isPresent());
        return rotated ? "the one the vendor issued with the last access token" : "the account's refresh token";
    }
}
