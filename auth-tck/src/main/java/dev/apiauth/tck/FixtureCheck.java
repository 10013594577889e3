package dev.apiauth.tck;

import dev.apiauth.spi.Capability;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a fixture before any rule runs: everything its capabilities need is there and its secrets
 * are distinctive enough to be searched for. Reports every problem at once.
 */
final class FixtureCheck {
    /** Shorter secrets would be found by accident in ordinary text ("secret", "token"). */
    static final int MIN_SECRET_LENGTH = 10;

    private FixtureCheck() {
    }

    /**
     * @return the fixture's settings for {@code baseUrl}
     * @throws TckConfigurationException listing every problem
     */
    static Map<String, String> check(ContractFixture fixture, URI baseUrl) {
        List<String> problems = new ArrayList<>();
        String id = call(problems, "providerId()", fixture::providerId);
        if (id != null && id.isBlank()) {
            problems.add("providerId() is blank; return the id the provider registers under");
        }
        Set<Capability> capabilities = call(problems, "capabilities()", fixture::capabilities);
        Map<String, String> settings = call(problems, "settings(baseUrl)", () -> fixture.settings(baseUrl));
        Set<String> secretNames = call(problems, "secretSettings()", fixture::secretSettings);
        Set<String> required = call(problems, "requiredSettings()", fixture::requiredSettings);
        Set<Integer> rejectedStatuses = call(problems, "tokenRejectedStatuses()", fixture::tokenRejectedStatuses);
        Optional<TokenEndpointFixture> endpoint = orEmpty(call(problems, "tokenEndpoint()", fixture::tokenEndpoint));
        Optional<RefreshTokenFixture> refresh = orEmpty(call(problems, "refreshTokens()", fixture::refreshTokens));
        Optional<Map<String, String>> withoutConsent = orEmpty(call(problems, "settingsWithoutConsent(baseUrl)",
                () -> fixture.settingsWithoutConsent(baseUrl)));
        Map<String, String> copy = new LinkedHashMap<>();
        if (settings != null) {
            settings.forEach((name, value) -> {
                if (name == null || value == null) {
                    problems.add("settings(baseUrl) has a null name or value (" + name + "); leave unset settings out");
                } else {
                    copy.put(name, value);
                }
            });
        }
        if (secretNames != null && settings != null) {
            for (String name : secretNames) {
                String value = copy.get(name);
                if (value == null) {
                    problems.add("secretSettings() names '" + name + "', which settings(baseUrl) does not set");
                } else if (value.strip().length() < MIN_SECRET_LENGTH) {
                    problems.add("the value of secret setting '" + name + "' is shorter than " + MIN_SECRET_LENGTH
                            + " characters; use a distinctive dummy value such as 'tck-" + name + "-7f3a9c' so the"
                            + " redaction rules can search for it");
                }
            }
        }
        if (required != null && settings != null) {
            required.stream().filter(name -> !copy.containsKey(name)).forEach(name -> problems.add(
                    "requiredSettings() names '" + name + "', which settings(baseUrl) does not set"));
        }
        if (capabilities != null && capabilities.contains(Capability.TOKEN_ENDPOINT) && settings != null
                && copy.values().stream().noneMatch(value -> value.contains(baseUrl.toString()))) {
            problems.add("no value of settings(baseUrl) contains baseUrl (" + baseUrl + "); point the token endpoint"
                    + " setting at it, or the provider would call the real vendor");
        }
        if (rejectedStatuses != null && !rejectedStatuses.contains(401)) {
            problems.add("tokenRejectedStatuses() must include 401, the status every API uses for a rejected token");
        }
        if (capabilities != null) {
            boolean tokenEndpoint = capabilities.contains(Capability.TOKEN_ENDPOINT);
            if (tokenEndpoint && endpoint.isEmpty()) {
                problems.add("the fixture declares TOKEN_ENDPOINT but tokenEndpoint() is empty; describe the"
                        + " vendor's token endpoint with TokenEndpointFixture.builder()");
            }
            if (!tokenEndpoint && endpoint.isPresent()) {
                problems.add("tokenEndpoint() is given but the fixture does not declare TOKEN_ENDPOINT; add the"
                        + " capability or drop the token endpoint");
            }
            if (capabilities.contains(Capability.EXPIRING_TOKENS) && !tokenEndpoint) {
                problems.add("the fixture declares EXPIRING_TOKENS without TOKEN_ENDPOINT; only tokens from a token"
                        + " endpoint expire");
            }
            if (capabilities.contains(Capability.REFRESH_TOKENS) && refresh.isEmpty()) {
                problems.add("the fixture declares REFRESH_TOKENS but refreshTokens() is empty; give the account's"
                        + " refresh token with RefreshTokenFixture.builder(...)");
            }
            if (capabilities.contains(Capability.REFRESH_TOKENS) && !tokenEndpoint) {
                problems.add("the fixture declares REFRESH_TOKENS without TOKEN_ENDPOINT; refresh tokens are"
                        + " exchanged at a token endpoint");
            }
            if (!capabilities.contains(Capability.REFRESH_TOKENS) && refresh.isPresent()) {
                problems.add("refreshTokens() is given but the fixture does not declare REFRESH_TOKENS");
            }
            if (capabilities.contains(Capability.INTERACTIVE_CONSENT) && withoutConsent.isEmpty()) {
                problems.add("the fixture declares INTERACTIVE_CONSENT but settingsWithoutConsent(baseUrl) is empty;"
                        + " give the settings of an account that has not consented yet");
            }
        }
        refresh.ifPresent(fixtureRefresh -> {
            if (fixtureRefresh.refreshToken().strip().length() < MIN_SECRET_LENGTH) {
                problems.add("the refresh token is shorter than " + MIN_SECRET_LENGTH
                        + " characters; use a distinctive dummy value");
            }
        });
        if (!problems.isEmpty()) {
            throw new TckConfigurationException(problems);
        }
        return copy;
    }

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    private static <T> T call(List<String> problems, String method, java.util.function.Supplier<T> call) {
        try {
            T value = call.get();
            if (value == null) {
                problems.add(method + " returned null");
            }
            return value;
        } catch (TckConfigurationException e) {
            problems.addAll(e.problems());
            return null;
        } catch (RuntimeException e) {
            problems.add(method + " threw " + e);
            return null;
        }
    }
}
