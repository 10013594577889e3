package dev.apiauth.tck;

import static dev.apiauth.tck.Checks.check;
import static dev.apiauth.tck.Checks.fail;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.transport.HttpTokenEndpoint;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** R3 token request shape and R4 authorized requests. */
final class RequestRules {
    private RequestRules() {
    }

    static void exactTokenRequest(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token request to check");
        tck.tokens.answers(TokenAnswers::success);
        Attempt<AccessToken> token = Attempt.of(() -> tck.credentials().token());
        String unmatched = tck.tokens.unmatchedReport();
        check(unmatched.isEmpty(), "the provider's token request does not match the fixture's declared request:\n"
                + unmatched);
        check(!tck.tokens.requests().isEmpty(), "no token request reached the token endpoint; obtaining a token "
                + token.describe(tck.secrets));
        token.error().ifPresent(error -> fail("the token request matched, but the provider could not read the"
                + " vendor's success answer: " + Checks.describe(error, tck.secrets)));
        check(tck.tokens.requests().size() == 1, "obtaining one token sent " + tck.tokens.requests().size()
                + " token requests; fetch() must do one round trip");
    }

    static void credentialsOnlyWhereDeclared(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token request to check");
        tck.tokens.answers(TokenAnswers::success);
        Attempt.of(() -> tck.credentials().token());
        List<LoggedRequest> requests = tck.server.requests();
        check(!requests.isEmpty(), "no token request reached the server");
        LoggedRequest sent = requests.get(0);
        RequestPattern declared = tck.endpoint().request().build().getRequest();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> secret : tck.secrets.entries()) {
            Set<String> where = locations(tck, sent, secret.getValue());
            Set<String> allowed = declaredLocations(tck, declared, secret.getValue());
            Set<String> undeclared = new TreeSet<>(where);
            undeclared.removeAll(allowed);
            if (!undeclared.isEmpty()) {
                problems.add("the " + secret.getKey() + " was sent in " + undeclared + ", but the fixture's request"
                        + " declares it " + (allowed.isEmpty() ? "nowhere" : "only in " + allowed));
            }
        }
        check(problems.isEmpty(), String.join("\n", problems));
    }

    static void throughEngineTransport(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "no token request to check");
        tck.tokens.answers(TokenAnswers::success);
        Attempt.of(() -> tck.credentials().token());
        List<LoggedRequest> requests = tck.server.requests();
        check(!requests.isEmpty(), "no token request reached the server");
        String agent = requests.get(0).getHeader("User-Agent");
        check(HttpTokenEndpoint.USER_AGENT.equals(agent), "the token request arrived with User-Agent '" + agent
                + "' instead of the engine transport's '" + HttpTokenEndpoint.USER_AGENT + "': the provider sends it"
                + " some other way than ProviderContext.tokenEndpoint() (or overrides the User-Agent)");
    }

    static void exactAuthorizedHeaders(Tck tck) {
        if (tck.has(Capability.TOKEN_ENDPOINT)) {
            tck.tokens.answers(TokenAnswers::success);
        }
        tck.api.answers(FakeApi.status(200));
        Credentials credentials = tck.credentials();
        Authorization authorization = credentials.authorization();
        Map<String, String> expected = tck.fixture.authorizedHeaders(tck.issuer.issuedFor(authorization.token()));
        Map<String, String> actual = authorization.headers();
        List<String> problems = new ArrayList<>();
        Map<String, String> expectedByName = lowerCase(expected);
        Map<String, String> actualByName = lowerCase(actual);
        expectedByName.forEach((name, value) -> {
            if (!actualByName.containsKey(name)) {
                problems.add("header '" + name + "' is missing");
            } else if (!value.equals(actualByName.get(name))) {
                problems.add("header '" + name + "' is '" + tck.secrets.redact(actualByName.get(name)) + "' instead of '"
                        + tck.secrets.redact(value) + "'");
            }
        });
        actualByName.keySet().stream().filter(name -> !expectedByName.containsKey(name))
                .forEach(name -> problems.add("header '" + name + "' is not declared by the fixture"));
        check(problems.isEmpty(), "Credentials.headers() differs from the fixture's authorizedHeaders(token): "
                + String.join("; ", problems));
        int status = get(tck, credentials);
        List<LoggedRequest> api = tck.api.requests();
        check(api.size() == 1, "the API received " + api.size() + " requests for one call (status " + status + ")");
        LoggedRequest request = api.get(0);
        // The token in use now: the newest issued one (the first may have been replaced meanwhile).
        IssuedToken used = tck.issuer.issued().isEmpty() ? tck.issuer.issuedFor(authorization.token())
                : tck.issuer.issued().get(tck.issuer.issued().size() - 1);
        tck.fixture.authorizedHeaders(used).forEach((name, value) -> {
            HttpHeader header = request.header(name);
            if (!header.isPresent() || header.values().size() != 1 || !value.equals(header.firstValue())) {
                problems.add("the API request's header '" + name + "' is "
                        + (header.isPresent() ? tck.secrets.redact(header.values().toString()) : "missing"));
            }
        });
        for (HttpHeader header : request.getHeaders().all()) {
            if (expectedByName.containsKey(header.key().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : header.values()) {
                tck.secrets.find(value).ifPresent(secret -> problems.add("the API request's undeclared header '"
                        + header.key() + "' carries the " + secret));
            }
        }
        tck.secrets.find(request.getUrl()).ifPresent(secret -> problems.add("the API request's URL carries the " + secret));
        check(problems.isEmpty(), String.join("; ", problems));
    }

    /**
     * R4.2: two engines share tokens as a fleet does ({@link FleetState}), so each token source is
     * asked for the headers of a token it did not fetch, or did not fetch last.
     */
    static void headersFromTheGivenToken(Tck tck) {
        Checks.requires(tck, Capability.TOKEN_ENDPOINT, "a static credential is the only token there is");
        tck.tokens.answers(TokenAnswers::success);
        FleetState fleet = new FleetState();
        Credentials first = tck.credentials(builder -> builder.sharedTokens(fleet));
        Credentials second = tck.credentials(builder -> builder.sharedTokens(fleet));
        Authorization firstOwn = first.authorization();
        Attempt<Authorization> handedOver = Attempt.of(second::authorization);
        check(tck.tokens.requests().size() == 1, () -> "two engines sharing tokens through a SharedTokens made "
                + tck.tokens.requests().size() + " token requests instead of 1 before either token was rejected");
        String stepOne = "an engine whose token source had fetched nothing was handed token 1 (fetched by another"
                + " engine's source, as in a fleet)";
        handedOver.error().ifPresent(error -> fail(stepOne + ", and asking for its headers threw "
                + Checks.describe(error, tck.secrets) + ": the provider's headers(token) depends on something"
                + " fetch() sets"));
        checkCarriesGivenToken(tck, stepOne, handedOver.value());
        // The second engine replaces the shared token: its source fetches token 2 ...
        second.rejected(handedOver.value());
        second.authorization();
        // ... and the first engine, whose source last fetched token 1, is handed token 2.
        first.rejected(firstOwn);
        Attempt<Authorization> later = Attempt.of(first::authorization);
        String stepTwo = "an engine whose token source last fetched token 1 was handed token 2 (fetched by another"
                + " engine's source)";
        later.error().ifPresent(error -> fail(stepTwo + ", and asking for its headers threw "
                + Checks.describe(error, tck.secrets)));
        check(tck.tokens.requests().size() == 2 && tck.issuer.issuedFor(later.value().token()).sequence() == 2, () -> stepTwo
                + " expected, but it holds token " + tck.issuer.issuedFor(later.value().token()).sequence() + " after "
                + tck.tokens.requests().size() + " token requests");
        checkCarriesGivenToken(tck, stepTwo, later.value());
    }

    private static void checkCarriesGivenToken(Tck tck, String situation, Authorization authorization) {
        IssuedToken given = tck.issuer.issuedFor(authorization.token());
        carriedInstead(tck, authorization.headers(), given).ifPresent(other -> fail(situation + ", but its headers "
                + tck.secrets.redact(authorization.headers().toString()) + " carry token " + other.sequence()
                + " instead of token " + given.sequence() + ": the provider builds headers from another token than"
                + " the one headers(token) is given"));
        String values = String.join("\n", authorization.headers().values());
        check(values.contains(given.value()) || Checks.carries(tck.fixture.authorizedHeaders(given),
                authorization.headers()) || !values.contains("null"), () -> situation + ", but its headers "
                + tck.secrets.redact(authorization.headers().toString()) + " carry no token ('null'): the provider"
                + " builds headers from what fetch() stored, not from the token it is given");
    }

    /**
     * The other issued token whose declared headers (or value) {@code headers} carry instead of
     * {@code given}'s. Empty when they carry {@code given}, or no issued token at all: then they are
     * wrong in form, not in token, which R4.1 reports.
     */
    static Optional<IssuedToken> carriedInstead(Tck tck, Map<String, String> headers, IssuedToken given) {
        if (Checks.carries(tck.fixture.authorizedHeaders(given), headers)) {
            return Optional.empty();
        }
        String values = String.join("\n", headers.values());
        if (values.contains(given.value())) {
            return Optional.empty();
        }
        for (IssuedToken other : tck.issuer.issued()) {
            if (other.sequence() != given.sequence() && (values.contains(other.value())
                    || Checks.carries(tck.fixture.authorizedHeaders(other), headers))) {
                return Optional.of(other);
            }
        }
        return Optional.empty();
    }

    /** Sends a GET to the fake API through the engine's HttpClient 5 integration; returns the final status. */
    static int get(Tck tck, Credentials credentials) {
        try {
            return tck.apiClient(credentials).execute(new HttpGet(tck.api.url()), response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            throw new IllegalStateException("the request to the TCK's fake API failed: " + e, e);
        }
    }

    /** Where in {@code request} the secret travels: "header 'x'", "query", "body" or "path". */
    private static Set<String> locations(Tck tck, LoggedRequest request, String secret) {
        Set<String> where = new TreeSet<>();
        for (HttpHeader header : request.getHeaders().all()) {
            for (String value : header.values()) {
                if (tck.secrets.contains(value, secret) || basicContains(value, secret)) {
                    where.add("header '" + header.key().toLowerCase(Locale.ROOT) + "'");
                }
            }
        }
        String url = request.getUrl();
        int query = url.indexOf('?');
        if (tck.secrets.contains(query < 0 ? url : url.substring(0, query), secret)) {
            where.add("path");
        }
        if (query >= 0 && tck.secrets.contains(url.substring(query + 1), secret)) {
            where.add("query");
        }
        if (tck.secrets.contains(request.getBodyAsString(), secret)) {
            where.add("body");
        }
        return where;
    }

    /** Where the declared request pattern mentions the secret. */
    private static Set<String> declaredLocations(Tck tck, RequestPattern pattern, String secret) {
        Set<String> where = new TreeSet<>();
        if (pattern.getHeaders() != null) {
            pattern.getHeaders().forEach((name, matcher) -> {
                String text = Json.write(matcher);
                if (tck.secrets.contains(text, secret) || basicContains(text, secret)) {
                    where.add("header '" + name.toLowerCase(Locale.ROOT) + "'");
                }
            });
        }
        BasicCredentials basic = pattern.getBasicAuthCredentials();
        // Encoded forms count: withBasicAuth(formEncode(id), formEncode(secret)) declares the secret
        // as RFC 6749 §2.3.1 sends it.
        if (basic != null && (tck.secrets.contains(Objects.toString(basic.username, ""), secret)
                || tck.secrets.contains(Objects.toString(basic.password, ""), secret))) {
            where.add("header 'authorization'");
        }
        if (pattern.getQueryParameters() != null && tck.secrets.contains(Json.write(pattern.getQueryParameters()), secret)) {
            where.add("query");
        }
        String url = Objects.toString(pattern.getUrl(), "") + Objects.toString(pattern.getUrlPattern(), "");
        if (tck.secrets.contains(url, secret)) {
            where.add(url.contains("?") ? "query" : "path");
        }
        if (pattern.getBodyPatterns() != null && tck.secrets.contains(Json.write(pattern.getBodyPatterns()), secret)) {
            where.add("body");
        }
        if (pattern.getFormParameters() != null && tck.secrets.contains(Json.write(pattern.getFormParameters()), secret)) {
            where.add("body");
        }
        return where;
    }

    /** Whether a {@code Basic …} value decodes to credentials containing the secret. */
    private static boolean basicContains(String value, String secret) {
        int basic = value.indexOf("Basic ");
        if (basic < 0) {
            return false;
        }
        String encoded = value.substring(basic + 6).split("[\"\\s]", 2)[0];
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            return decoded.contains(secret) || decoded.contains(dev.apiauth.spi.FormEncoding.formEncode(secret));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>();
        headers.forEach((name, value) -> byName.put(name.toLowerCase(Locale.ROOT), value));
        return byName;
    }
}
