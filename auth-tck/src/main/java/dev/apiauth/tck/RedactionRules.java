package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.transport.HttpTokenEndpoint;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.Json;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.SecretStore;
import dev.apiauth.spi.TokenEndpoint;
import dev.apiauth.spi.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** R10: no secret in exception messages, printouts or logs. */
final class RedactionRules {
    private RedactionRules() {
    }

    static void noSecretInExceptionMessages(Tck tck) {
        List<String> leaks = new ArrayList<>();
        errorScenarios(tck).forEach((scenario, error) -> {
            for (Throwable link : Checks.chain(error)) {
                String text = link.getMessage() + " / " + link;
                tck.secrets.find(text).ifPresent(secret -> leaks.add(scenario + ": " + link.getClass().getName()
                        + " shows the " + secret + ": " + tck.secrets.redact(link.getMessage())));
            }
        });
        check(leaks.isEmpty(), String.join("\n", leaks));
    }

    static void noSecretInToString(Tck tck) throws Exception {
        if (tck.has(Capability.TOKEN_ENDPOINT)) {
            tck.tokens.answers(TokenAnswers::success);
        }
        Credentials credentials = tck.credentials();
        Authorization authorization = credentials.authorization();
        AccessToken token = authorization.token();
        Map<String, Supplier<Object>> printed = new LinkedHashMap<>();
        printed.put("the provider", () -> tck.provider);
        printed.put("its ProviderInfo", tck.provider::info);
        printed.put("the ProviderSettings", credentials::settings);
        printed.put("the Credentials", () -> credentials);
        printed.put("the Authorization", () -> authorization);
        printed.put("the AccessToken", () -> token);
        printed.put("the AccessToken's attributes", token::attributes);
        printed.put("the AccessToken's scopes", token::scopes);
        try (HttpTokenEndpoint endpoint = Tck.transport(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .providerId(tck.provider.id()).build()) {
            ProviderContext context = new InspectionContext(tck.provider.id(), endpoint, JacksonJson.INSTANCE,
                    tck.clock, tck.store);
            TokenSource source = tck.provider.createTokenSource(credentials.settings(), context);
            printed.put("its TokenSource", () -> source);
            List<String> leaks = new ArrayList<>();
            printed.forEach((what, value) -> {
                String text = String.valueOf(value.get());
                tck.secrets.find(text).ifPresent(secret -> leaks.add(what + " prints the " + secret + ": "
                        + tck.secrets.redact(text)));
            });
            check(leaks.isEmpty(), String.join("\n", leaks));
        }
    }

    static void noSecretInLogs(Tck tck) {
        List<String> lines;
        try (LogCapture capture = LogCapture.start()) {
            if (tck.has(Capability.TOKEN_ENDPOINT)) {
                tck.tokens.answers(TokenAnswers::success);
                tck.api.answers(FakeApi.status(401), FakeApi::latestTokenOnly);
            } else {
                tck.api.answers(FakeApi.status(200));
            }
            Credentials credentials = tck.credentials();
            Attempt.of(() -> RequestRules.get(tck, credentials));
            errorScenarios(tck);
            lines = capture.lines();
        }
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            tck.secrets.find(line).ifPresent(secret -> leaks.add("a log line shows the " + secret + ": "
                    + tck.secrets.redact(line)));
        }
        check(leaks.isEmpty(), String.join("\n", leaks));
    }

    /** R10.4: the scope the engine shares rate budgets under (and a fleet stores) must not hold a secret. */
    static void noSecretInRateLimitScope(Tck tck) {
        Credentials credentials = tck.credentials();
        List<String> leaks = new ArrayList<>();
        try (HttpTokenEndpoint endpoint = Tck.transport(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .providerId(tck.provider.id()).build()) {
            ProviderContext context = new InspectionContext(tck.provider.id(), endpoint, JacksonJson.INSTANCE,
                    tck.clock, tck.store);
            TokenSource source = tck.provider.createTokenSource(credentials.settings(), context);
            inspectScope(tck, "of a token source", source, leaks);
        }
        check(leaks.isEmpty(), () -> String.join("\n", leaks) + "\nThe scope is a key shared between accounts,"
                + " stored by fleets (RateBudgets) and shown by tools; it must not be a secret");
    }

    private static void inspectScope(Tck tck, String when, TokenSource source, List<String> leaks) {
        String scope = String.valueOf(source.rateLimitScope());
        tck.secrets.find(scope).ifPresent(secret -> leaks.add("rateLimitScope() " + when + " contains the " + secret
                + ": " + tck.secrets.redact(scope)));
    }

    /**
     * Provokes every error a user meets (bad settings, refused credentials, vendor failures,
     * malformed answers, a redirect, an insecure URL) and returns what was thrown, by scenario.
     */
    static Map<String, Throwable> errorScenarios(Tck tck) {
        Map<String, Throwable> errors = new LinkedHashMap<>();
        Map<String, String> unknown = new LinkedHashMap<>(tck.settings);
        unknown.put(SettingsRules.UNKNOWN_SETTING, "on");
        record(errors, "an unknown setting", () -> tck.credentials(unknown, UnaryOperator.identity()));
        Set<String> required = SettingsRules.requiredNames(tck);
        if (!required.isEmpty()) {
            Map<String, String> missing = new LinkedHashMap<>(tck.settings);
            missing.keySet().removeAll(required);
            record(errors, "missing required settings", () -> tck.credentials(missing, UnaryOperator.identity()).token());
        }
        if (!tck.has(Capability.TOKEN_ENDPOINT)) {
            return errors;
        }
        UnaryOperator<Credentials.Builder> once = builder -> builder.retryPolicy(Tck.retryPolicy(1));
        TransportRules.stubRedirectTarget(tck);
        Map<String, TokenAnswer> answers = new LinkedHashMap<>();
        answers.put("rejected credentials", TokenAnswers::rejected);
        answers.put("a server error", TokenAnswers::serverError);
        answers.put("a 429", TokenAnswers.rateLimited(ErrorRules.RETRY_AFTER));
        answers.put("an HTML answer", TokenAnswers::html);
        answers.put("a truncated answer", TokenAnswers::truncated);
        answers.put("a redirect", TokenAnswers.redirectTo(tck.baseUrl() + TransportRules.REDIRECT_TARGET));
        answers.forEach((scenario, answer) -> {
            tck.tokens.answers(answer);
            record(errors, scenario, () -> tck.credentials(once).token());
        });
        record(errors, "a plain-http token URL", () -> tck.credentials(
                tck.fixture.settings(TransportRules.insecureBaseUrl(tck)), once).token());
        return errors;
    }

    private static void record(Map<String, Throwable> errors, String scenario, Supplier<Object> call) {
        Attempt.of(call).error().ifPresent(error -> errors.put(scenario, error));
    }

    /** A context like the engine's, to create a token source whose printout is inspected. */
    private record InspectionContext(String providerId, TokenEndpoint tokenEndpoint, Json json, Clock clock,
            SecretStore secretStore) implements ProviderContext {
    }
}
