package dev.apiauth.tck;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of contract rules: the one list that the contract's tests, {@code RULES.md}, the
 * runner's report and the TCK's own meta-test are checked against. Each rule has an id
 * ({@code R5.1}), a level, a one-line title, why it exists and what to check when it fails.
 */
public enum Rule {
    R1_1("R1.1", Level.MUST, "is found by ServiceLoader under its id",
            "Users and tools find providers only through ServiceLoader; a provider that is not registered does not exist for them.",
            "a META-INF/services/dev.apiauth.spi.AuthProvider file (or @AutoService(AuthProvider.class)) naming the provider class, and that id() returns the fixture's providerId()."),
    R1_2("R1.2", Level.MUST, "has an id of lower-case letters, digits and dashes",
            "Ids become environment variable names (APIAUTH_<ID>_<SETTING>) and command-line arguments; the engine refuses other ids at discovery.",
            "id(): lower-case, starting with a letter, words joined by single dashes (e.g. docplanner, my-vendor)."),
    R1_3("R1.3", Level.MUST, "declares an SPI version this engine supports",
            "The engine explains an SPI mismatch instead of failing with NoSuchMethodError only if the provider says which SPI it was built for.",
            "requestedSpiVersion() should be implemented as `return SPI_VERSION;` and compiled against the auth-spi you ship with."),
    R1_4("R1.4", Level.MUST, "describes itself completely",
            "Tools list providers and their settings to users; a display name, an https documentation link and described settings are what they show.",
            "ProviderInfo: a display name other than the id, documentation(\"https://…\") pointing at the vendor's authentication docs, a description for every setting."),
    R1_5("R1.5", Level.MUST, "declares the capabilities its fixture describes",
            "Capabilities decide which rules apply and tell tools what the provider needs (a token endpoint, consent, stored refresh tokens); a wrong list silently skips rules.",
            "ProviderInfo.Builder.capabilities(...) against the fixture's capabilities(); declare every capability the vendor's flow has. A provider with modes (Docoon) writes one fixture per mode with describesOneOfSeveralModes(); each mode's capabilities must then be among the provider's."),
    R1_6("R1.6", Level.MUST, "flags every secret setting as secret",
            "Only settings flagged secret are redacted in printouts and error messages, and stored with care by tools.",
            "declare the setting with Setting.secret(...) (or .secret()) for each name in the fixture's secretSettings()."),
    R1_7("R1.7", Level.SHOULD, "flags settings named like credentials as secret",
            "A setting called *secret*, *password*, *api-key* or *token* almost always holds a credential; leaving it unflagged is usually an oversight.",
            "the settings whose names contain secret, password, api-key, apikey or token: flag them with .secret(), or rename them if they really are not secret."),
    R2_1("R2.1", Level.MUST, "refuses missing required settings in one error naming each",
            "A user fixing settings one error at a time wastes a round trip per mistake; an error raised later, at the first request, is worse.",
            "declare every setting the provider cannot work without as .required() (the engine then reports all missing ones at once); do not throw from createTokenSource() for a missing value."),
    R2_2("R2.2", Level.MUST, "refuses unknown settings",
            "A misspelt setting that is silently ignored leaves the user debugging the wrong thing.",
            "that the provider's ProviderInfo declares exactly the settings it reads, and that settings reach the engine through Settings.validate (Credentials.builder(...).build())."),
    R2_3("R2.3", Level.MUST, "never echoes a secret setting in errors or printouts",
            "Setting errors and settings printouts end up in logs, tickets and chat; a secret in them is a leaked credential.",
            "that secret settings are declared with Setting.secret(...), and that validate(...) messages name settings without quoting their values."),
    R2_4("R2.4", Level.MUST, "never echoes a secret in its own cross-setting problems",
            "validate() speaks whenever settings combine wrongly; a problem that quotes a value puts the secret into the same logs and tickets as any other settings error.",
            "AuthProvider.validate(settings): name the settings a rule involves (\"mode 'password' needs 'password'\"), never quote their values. The TCK calls it with every choice of every choice setting, every flag flipped and every optional setting left out, secrets present."),
    R2_5("R2.5", Level.MUST, "declares required every setting it cannot work without",
            "A setting the provider needs but does not declare required is reported at the first token request, or as a NullPointerException, instead of together with every other missing setting when the credentials are built.",
            "each setting the provider reads unconditionally (settings.get/secret/uri): declare it .required() or give it a default. The TCK leaves out each other setting of the fixture in turn and reports those whose absence makes the provider crash or fail before it sends anything."),
    R3_1("R3.1", Level.MUST, "sends exactly the declared token request",
            "The vendor accepts only its documented request: method, path, query, headers and body must be right.",
            "the WireMock near-miss report in the message: it shows the request the provider sent next to the fixture's declared request."),
    R3_2("R3.2", Level.MUST, "sends credentials only where the vendor expects them",
            "A secret sent in an extra place (a query string that lands in access logs, a second header) leaks it to systems that should never see it.",
            "where the provider puts client secrets, passwords, API keys and refresh tokens in the EndpointRequest: only the places the fixture's request matcher declares (e.g. Basic auth OR body parameters, not both; never the query unless the vendor documents it)."),
    R3_3("R3.3", Level.MUST, "sends the token request through the engine's transport",
            "Only the engine's transport enforces https, refuses redirects, bounds the wait and caps the answer's size; a provider with its own HTTP client loses all of that.",
            "that TokenSource.fetch() calls ProviderContext.tokenEndpoint().send(...) and does not build its own HTTP client."),
    R4_1("R4.1", Level.MUST, "authorizes API requests with exactly the declared headers",
            "The vendor's API accepts only its documented headers; an extra credential header leaks, a missing one fails every call.",
            "TokenSource.headers(token): names and values (e.g. \"Bearer \" + token.value()), every header the vendor requires (doo also needs x-api-key) and no others."),
    R4_2("R4.2", Level.MUST, "builds the headers from the token it is given",
            "In a fleet (SharedState) an instance hands out tokens another instance fetched; headers built from the token this source fetched last carry a token that was rejected or belongs to another request.",
            "TokenSource.headers(token): build every value from the token argument (token.value(), token.type(), token.attributes()), never from a field that fetch() sets."),
    R5_1("R5.1", Level.MUST, "serves many calls while fresh from one token request",
            "Token endpoints are rate-limited and slow; one request per API call would throttle users and multiply latency.",
            "the lifetime the provider gives the AccessToken (expiresIn/expiresAt): a zero or past expiry makes every call fetch anew; and that fetch() does one round trip."),
    R5_2("R5.2", Level.SHOULD, "makes no token request before the first use",
            "Applications build credentials at start-up, often before the network is ready or while the vendor is down; fetching then fails the start for nothing.",
            "that createTokenSource(...) only stores settings and context and does not call fetch() or send a request."),
    R6_1("R6.1", Level.MUST, "reports the lifetime the vendor announces",
            "The engine refreshes ahead of expiry only if it knows the expiry; a token of unknown lifetime is used until the API rejects it, failing a request.",
            "that the provider reads the vendor's lifetime (expires_in as number or string, or the JWT exp claim) into AccessToken.Builder.expiresIn/expiresAt, e.g. with TokenResponses.standardToken or Jwt.expiry."),
    R6_2("R6.2", Level.MUST, "is refreshed before it expires",
            "API calls made with an expired token fail; refreshing ahead keeps every call authorized.",
            "the expiry the provider reports (R6.1) and that TokenSource.headers(token) uses the token it is given, not a cached one."),
    R6_3("R6.3", Level.SHOULD, "is kept for most of its lifetime",
            "Refreshing far too early (a shortened or misread lifetime) multiplies token requests against the vendor's rate limits.",
            "the unit of the lifetime (seconds, not minutes or milliseconds) and any safety margin the provider subtracts: the engine already refreshes ahead, the provider must report the real expiry."),
    R6_4("R6.4", Level.MUST, "keeps a token of unknown lifetime until it is rejected",
            "When the vendor does not say how long a token lives, inventing a lifetime either refreshes needlessly or uses expired tokens; the engine replaces it when the API rejects it.",
            "that the provider leaves the expiry unset (no expiresIn/expiresAt) when the vendor's answer carries none; a maximum age is the user's choice (RefreshPolicy.maxTokenAge)."),
    R6_5("R6.5", Level.MUST, "reads the lifetime from every success answer the vendor gives",
            "Vendors vary how they announce a lifetime (expires_in as a number or a string, a JWT exp); a provider that reads one form loses the expiry of the others, and the first token alone does not show it.",
            "that the provider reads each form its vendor uses (TokenResponses.expiresIn/standardToken read expires_in as number and string; Jwt.expiry reads exp). The message names the token and the answer variant; declare every variant the vendor has with TokenEndpointFixture.Builder.alsoSucceedsWith(...)."),
    R7_1("R7.1", Level.MUST, "after the API rejects a token, fetches one new token and retries once",
            "Tokens can be revoked or expire early; one transparent retry with a new token keeps the call working.",
            "that TokenSource.headers(token) builds the headers from the token it is given (not a cached value), and that 401 is among ProviderInfo.tokenRejectedStatuses()."),
    R7_2("R7.2", Level.MUST, "surfaces a second rejection instead of looping",
            "If a new token is rejected too, the credentials are wrong or lack permission; retrying forever hammers the vendor and hangs the caller.",
            "the HTTP integration: the request is retried once with a new token, and a second 401 is returned to the caller."),
    R7_3("R7.3", Level.MUST, "declares the vendor's token-rejected statuses",
            "Some vendors answer an expired token with 403 instead of 401; the engine retries only on statuses the provider declares.",
            "ProviderInfo.Builder.tokenRejectedStatus(...) for every status in the fixture's tokenRejectedStatuses()."),
    R8_1("R8.1", Level.MUST, "reports rejected credentials as a permanent error with the vendor's message, without retrying",
            "Retrying bad credentials never helps and can lock the account; the vendor's message is what tells the user which credential is wrong.",
            "that the provider maps the vendor's credential errors (400/401/403 and its own error shape) to CredentialsRejectedException(providerId, status, error, description) with the vendor's message, e.g. via TokenResponses.failure(...)."),
    R8_2("R8.2", Level.MUST, "reports a vendor server error as transient so it is retried",
            "A 5xx is the vendor's problem and usually passes; the engine retries transient errors with back-off, but only if they are typed as such.",
            "that 5xx answers become TransientAuthException (TokenResponses.failure does it), not CredentialsRejectedException or a plain AuthException."),
    R8_3("R8.3", Level.MUST, "reports 429 as transient and honours Retry-After",
            "A vendor that says how long to wait bans clients that come back sooner.",
            "that a 429 becomes TransientAuthException carrying the Retry-After duration (EndpointResponse.retryAfter(clock); TokenResponses.failure does both)."),
    R8_4("R8.4", Level.MUST, "reports an HTML answer as a malformed response",
            "Proxies, captive portals and wrong URLs answer with HTML pages; the user needs 'check the token URL', not a NullPointerException.",
            "that the provider checks the answer is the expected JSON before reading it (TokenResponses.successObject) and throws MalformedResponseException otherwise."),
    R8_5("R8.5", Level.MUST, "reports an empty answer as a malformed response",
            "An empty 200 happens with misrouted requests and broken gateways; it must not surface as a parsing crash.",
            "that the provider handles a body of zero bytes: TokenResponses.successObject throws MalformedResponseException for it."),
    R8_6("R8.6", Level.MUST, "reports a truncated answer as a malformed response",
            "Connections cut mid-answer leave half a JSON document; the provider must report it rather than crash or accept a partial token.",
            "that the provider parses with the engine's JSON (EndpointResponse.json()/jsonObject()) and maps 'not JSON' to MalformedResponseException."),
    R8_7("R8.7", Level.MUST, "reports a success answer without the token as a malformed response",
            "A 200 of valid JSON without the token field comes from a wrong endpoint or a changed API; accepting it sends 'Bearer null', and calling it rejected credentials sends the user after a secret that is fine.",
            "that the provider requires the token field (TokenResponses.standardToken/requireText) and throws MalformedResponseException naming it when it is missing or not text."),
    R9_1("R9.1", Level.MUST, "lets 64 concurrent callers share one token request",
            "At start-up or after expiry every request thread asks for a token at once; without single-flight they stampede the vendor.",
            "the lifetime the provider reports (an expiry at or before issue makes each caller fetch again) and that fetch() sends one request."),
    R10_1("R10.1", Level.MUST, "never puts a secret in an exception message",
            "Exception messages are logged, shown to users and sent to error trackers.",
            "every exception the provider throws or wraps: name settings, statuses and the vendor's error text, never a secret, token or request body; redact what the vendor echoes back."),
    R10_2("R10.2", Level.MUST, "never prints a secret in toString()",
            "Objects are printed by debuggers, loggers and string concatenation without anyone deciding to; their toString() must be safe.",
            "toString() of the provider, its TokenSource and anything they hold: wrap secrets in Secret or ClientCredentials (which print redacted) and avoid records with secret fields."),
    R10_3("R10.3", Level.MUST, "never logs a secret",
            "Log files are kept long and read widely; a credential in a log line is a leaked credential.",
            "log statements and System.out/System.err prints in the provider: never log request bodies, Authorization headers, tokens or settings values."),
    R10_4("R10.4", Level.MUST, "keeps secrets out of its rate-limit scope",
            "The rate-limit scope is a key the engine shares between accounts, a fleet stores in Redis and tools show; a secret in it leaks to all of them.",
            "TokenSource.rateLimitScope(): identify the budget by a fingerprint of the credential (Secret.fingerprint()), never by the credential itself."),
    R11_1("R11.1", Level.MUST, "refuses plain http to a non-loopback host",
            "Credentials sent over plain http can be read by anyone on the path; http is allowed only for loopback test servers.",
            "that URL settings are declared with Setting.url(...) and the request is sent through ProviderContext.tokenEndpoint() (which refuses such URLs)."),
    R11_2("R11.2", Level.MUST, "does not follow redirects with credentials",
            "A redirect can carry the token request and its credentials to another host; the vendor's documented URL must be configured instead.",
            "that the provider sends through ProviderContext.tokenEndpoint() (which never follows redirects) and does not resend the request to a Location header itself."),
    R11_3("R11.3", Level.UNTESTED, "keeps the engine's certificate and host-name checks",
            "Credentials sent over TLS to a server nobody verified can be read by whoever answers; a trust-all SSLContext or HostnameVerifier in a provider removes the check for every user.",
            "review that the provider builds no SSLContext, TrustManager or HostnameVerifier of its own and sends through ProviderContext.tokenEndpoint(); a private CA belongs in the engine's transport (HttpTokenEndpoint.Builder). Untested: the TCK's server speaks plain http on loopback."),
    R12_1("R12.1", Level.MUST, "fails within the configured bound when the token endpoint hangs",
            "A hanging vendor must not hang the application; callers need a transient error they can handle.",
            "that the request goes through ProviderContext.tokenEndpoint() (which applies the engine's timeouts) and that the provider does not wait on anything without a timeout."),
    R13_1("R13.1", Level.MUST, "keeps the current refresh token in the engine's secret store",
            "The refresh token is the long-lived credential won by a person's consent; if it lives only in memory, a restart forces consent again.",
            "that the provider saves a rotated refresh token with ProviderContext.secretStore().save(...) as soon as it receives it, and never removes the current one."),
    R13_2("R13.2", Level.MUST, "obtains tokens with the stored refresh token after an engine restart",
            "Services restart all the time; a new process with the same store must carry on without a person.",
            "that the provider reads the refresh token from ProviderContext.secretStore() (not only from settings or memory) when it fetches."),
    R13_3("R13.3", Level.MUST, "asks for interaction when no consent was given, without calling the vendor",
            "Without a refresh token only a person can help; the user needs InteractionRequiredException saying how, not a crash or a pointless request.",
            "that the provider throws InteractionRequiredException(providerId, \"how to grant consent\") before sending anything when neither settings nor the store hold a refresh token.");

    /** How binding a rule is, and how its outcome is reported. */
    public enum Level {
        /** Every provider must pass it; a miss is a failure. */
        MUST,
        /**
         * Expected, but a vendor may legitimately differ: a miss is reported as a warning (the test is
         * aborted with a message starting "WARNING"), not a failure, and does not fail the build.
         */
        SHOULD,
        /**
         * Part of the contract, kept visible, but not checked by the TCK (it cannot observe it): the
         * test is always reported skipped as "untested", with what to review by hand.
         */
        UNTESTED
    }

    private final String id;
    private final Level level;
    private final String title;
    private final String rationale;
    private final String hint;

    Rule(String id, Level level, String title, String rationale, String hint) {
        this.id = id;
        this.level = level;
        this.title = title;
        this.rationale = rationale;
        this.hint = hint;
    }

    /** The rule id, e.g. {@code R5.1}. */
    public String id() {
        return id;
    }

    public Level level() {
        return level;
    }

    /** What the provider does when it passes, as a predicate ("is found by ServiceLoader under its id"). */
    public String title() {
        return title;
    }

    /** Why the rule exists. */
    public String rationale() {
        return rationale;
    }

    /** What to check when the rule fails. */
    public String hint() {
        return hint;
    }

    /** The family number: 5 for {@code R5.1}. */
    public int family() {
        return Integer.parseInt(id.substring(1, id.indexOf('.')));
    }

    /** The test display name: id, level and title, e.g. {@code R5.1 MUST serves many calls …}. */
    public String displayName() {
        return id + " " + level + " " + title;
    }

    /** The rule a display name (or any text starting with a rule id and a space) names. */
    public static Optional<Rule> fromDisplayName(String displayName) {
        if (displayName == null) {
            return Optional.empty();
        }
        int space = displayName.indexOf(' ');
        String id = space < 0 ? displayName : displayName.substring(0, space);
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
