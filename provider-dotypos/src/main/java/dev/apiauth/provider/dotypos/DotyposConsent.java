package dev.apiauth.provider.dotypos;

import dev.apiauth.spi.FormEncoding;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import dev.apiauth.spi.Setting;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time browser step that connects a Dotypos cloud to your client application and yields the
 * refresh token the provider needs. Pure JDK; no HTTP is done here.
 *
 * <pre>{@code
 * DotyposConsent consent = DotyposConsent.builder(settings, URI.create("http://127.0.0.1:8765/callback")).build();
 * DotyposConsent.ConsentRequest request = consent.begin();
 * // send the browser to the connector page: open request.url() (legacy), or serve request.html()
 * // and open that (works for both flavours); remember request.state()
 * // ... the browser comes back to the redirect URI:
 * DotyposConsent.Result result = DotyposConsent.parseCallback(callbackUri, request.state());
 * result.saveTo(secretStore);            // the store you give Credentials.Builder.secretStore(...)
 * // and set cloud-id = result.cloudId()
 * }</pre>
 *
 * <p>Two connector pages exist. {@link Flavour#LEGACY} is the documented one: a {@code GET} whose query
 * carries {@code client_id}, {@code client_secret}, {@code scope=*}, {@code redirect_uri} and
 * {@code state} (so its URL holds the client secret: never log it). {@link Flavour#V2}, used by current
 * integrations, is a form {@code POST} with {@code client_id}, {@code timestamp} (Unix seconds),
 * {@code signature} (lower-case hex HMAC-SHA256 of the timestamp string, keyed with the client secret),
 * {@code scope=*}, {@code redirect_uri} and {@code state}; the secret itself is not sent, and the
 * signature ages with the timestamp, so call {@link #begin()} right before sending the browser.
 *
 * <p>Instances are immutable and thread-safe. Nothing here prints a secret.
 */
public final class DotyposConsent {
    /**
     * The key under which {@link Result#saveTo(SecretStore)} keeps the refresh token in the
     * application's secret store (the one passed to the engine), and where the provider looks when
     * setting {@code refresh-token} is absent. It is {@code <provider id>.}{@value
     * DotyposProvider#REFRESH_TOKEN_KEY} because the engine prefixes each provider's keys with its id.
     */
    public static final String STORE_KEY = DotyposProvider.ID + "." + DotyposProvider.REFRESH_TOKEN_KEY;

    private static final int STATE_BYTES = 32;

    /** Which connector page to use. */
    public enum Flavour {
        /** {@code GET connect-url?client_id&client_secret&scope=*&redirect_uri&state}: documented. */
        LEGACY("legacy"),
        /** Signed form {@code POST} to {@code connect-v2-url}: seen in current integrations. */
        V2("v2");

        private final String settingValue;

        Flavour(String settingValue) {
            this.settingValue = settingValue;
        }

        /** The value of setting {@code consent-flavour} that selects this flavour. */
        public String settingValue() {
            return settingValue;
        }

        static Flavour ofSettingValue(String value) {
            for (Flavour flavour : values()) {
                if (flavour.settingValue.equals(value)) {
                    return flavour;
                }
            }
            throw new IllegalArgumentException("unknown consent flavour '" + value + "'");
        }
    }

    private final String clientId;
    private final Secret clientSecret;
    private final URI redirectUri;
    private final Flavour flavour;
    private final URI connectUrl;
    private final URI connectV2Url;
    private final Clock clock;
    private final SecureRandom random;

    private DotyposConsent(Builder builder) {
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.redirectUri = builder.redirectUri;
        this.flavour = builder.flavour;
        this.connectUrl = builder.connectUrl;
        this.connectV2Url = builder.connectV2Url;
        this.clock = builder.clock;
        this.random = builder.random;
    }

    /**
     * A consent for the client application {@code clientId}, returning the browser to
     * {@code redirectUri}; legacy flavour and the vendor's connector pages unless changed.
     *
     * @param redirectUri where the vendor sends the browser back with the refresh token: https, or
     *     http to a loopback address (e.g. a local callback server of a command-line tool)
     */
    public static Builder builder(String clientId, Secret clientSecret, URI redirectUri) {
        return new Builder(clientId, clientSecret, redirectUri);
    }

    /**
     * A consent configured from the provider's validated settings: {@code client-id},
     * {@code client-secret}, {@code consent-flavour}, {@code connect-url}, {@code connect-v2-url}.
     *
     * @param settings settings validated against {@link DotyposProvider}
     * @throws InvalidSettingsException when {@code client-id} or {@code client-secret} is missing
     */
    public static Builder builder(ProviderSettings settings, URI redirectUri) {
        if (settings.info() != new DotyposProvider().info()) {
            throw new IllegalArgumentException("these are settings of " + settings.info().displayName()
                    + ", not of the Dotypos provider; validate them against DotyposProvider");
        }
        List<String> problems = new ArrayList<>();
        for (String name : List.of(DotyposProvider.CLIENT_ID, DotyposProvider.CLIENT_SECRET)) {
            if (settings.find(name).isEmpty()) {
                problems.add("setting '" + name + "' is needed to connect a Dotypos cloud; find it with your"
                        + " client application in the Dotypos developer portal");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(DotyposProvider.ID, problems);
        }
        return builder(settings.get(DotyposProvider.CLIENT_ID), settings.secret(DotyposProvider.CLIENT_SECRET),
                redirectUri)
                .flavour(Flavour.ofSettingValue(settings.get(DotyposProvider.CONSENT_FLAVOUR)))
                .connectUrl(settings.uri(DotyposProvider.CONNECT_URL))
                .connectV2Url(settings.uri(DotyposProvider.CONNECT_V2_URL));
    }

    /** The flavour {@link #begin()} uses. */
    public Flavour flavour() {
        return flavour;
    }

    /**
     * Starts one consent: a fresh random {@code state} and, for {@link Flavour#V2}, a signature over
     * the current time. Keep {@link ConsentRequest#state()} to check the callback with.
     */
    public ConsentRequest begin() {
        byte[] bytes = new byte[STATE_BYTES];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", clientId);
        if (flavour == Flavour.LEGACY) {
            fields.put("client_secret", clientSecret.reveal());
        } else {
            long timestamp = clock.instant().getEpochSecond();
            fields.put("timestamp", Long.toString(timestamp));
            fields.put("signature", signature(clientSecret, timestamp));
        }
        fields.put("scope", "*");
        fields.put("redirect_uri", redirectUri.toString());
        fields.put("state", state);
        return flavour == Flavour.LEGACY
                ? new ConsentRequest(flavour, state, "GET", withQuery(connectUrl, fields), Map.of())
                : new ConsentRequest(flavour, state, "POST", connectV2Url, fields);
    }

    /**
     * Reads the request that reached the redirect URI ({@code ?token=…&cloudid=…&state=…}). The state
     * is checked first, in constant time, so a forged callback never gets as far as its token.
     *
     * @param callback the callback URI, absolute or just path and query (e.g. {@code /callback?token=…})
     * @param expectedState {@link ConsentRequest#state()} of the consent this callback answers
     * @throws ConsentCallbackException the state is missing or wrong (possible CSRF: start again), or
     *     the token or cloud id is missing (e.g. access was denied)
     */
    public static Result parseCallback(URI callback, String expectedState) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(expectedState, "expectedState");
        if (expectedState.isBlank()) {
            throw new IllegalArgumentException("expectedState must be the state of the consent request");
        }
        Map<String, List<String>> query = parseQuery(callback.getRawQuery());
        List<String> states = query.getOrDefault("state", List.of());
        if (states.isEmpty() || states.get(0).isEmpty()) {
            throw new ConsentCallbackException(ConsentCallbackException.Reason.STATE_MISSING, "the consent callback"
                    + " carries no 'state', so it cannot be matched to a consent this application started (possible"
                    + " cross-site request forgery); start the consent again");
        }
        if (states.size() != 1 || !MessageDigest.isEqual(states.get(0).getBytes(StandardCharsets.UTF_8),
                expectedState.getBytes(StandardCharsets.UTF_8))) {
            throw new ConsentCallbackException(ConsentCallbackException.Reason.STATE_MISMATCH, "the consent"
                    + " callback's 'state' is not the one this consent sent (possible cross-site request forgery, or"
                    + " an old browser tab); start the consent again");
        }
        String token = single(query, "token");
        if (!DotyposProvider.isHeaderToken(token)) {
            throw incomplete("the consent callback's 'token' is not a valid refresh token");
        }
        return new Result(Secret.of(token), single(query, "cloudid"));
    }

    /** Lower-case hex HMAC-SHA256 of the timestamp's decimal string, keyed with the client secret. */
    static String signature(Secret clientSecret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(Long.toString(timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() != 1 || values.get(0).isBlank()) {
            throw incomplete("the consent callback carries " + (values.size() > 1 ? "more than one" : "no") + " '"
                    + name + "'; the user may have denied access");
        }
        return values.get(0);
    }

    private static ConsentCallbackException incomplete(String problem) {
        return new ConsentCallbackException(ConsentCallbackException.Reason.INCOMPLETE, problem
                + "; start the consent again");
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String component) {
        try {
            // RFC 3986: '+' is a literal plus. A refresh token cannot contain a space but may contain '+'.
            return URLDecoder.decode(component.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw incomplete("the consent callback's query is not validly percent-encoded");
        }
    }

    private static URI withQuery(URI base, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        if (base.getRawQuery() != null && !base.getRawQuery().isEmpty()) {
            query.add(base.getRawQuery());
        }
        parameters.forEach((name, value) ->
                query.add(FormEncoding.percentEncode(name) + "=" + FormEncoding.percentEncode(value)));
        String text = base.toString();
        int cut = text.indexOf('?') >= 0 ? text.indexOf('?')
                : text.indexOf('#') >= 0 ? text.indexOf('#') : text.length();
        return URI.create(text.substring(0, cut) + "?" + query);
    }

    private static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static URI checkedUrl(String name, URI value) {
        Objects.requireNonNull(value, name);
        Setting.url(name, "a URL").build().check(value.toString()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return value;
    }

    @Override
    public String toString() {
        return "DotyposConsent[" + flavour.settingValue + ", clientId=" + clientId + ", clientSecret=REDACTED"
                + ", redirectUri=" + redirectUri + "]";
    }

    /**
     * Where to send the browser for one consent: {@link #method()} {@link #url()} with
     * {@link #formFields()}. For {@link Flavour#LEGACY} that is a {@code GET} of a URL whose query holds
     * the client secret; for {@link Flavour#V2} a form {@code POST}, which a browser only makes from a
     * page: serve {@link #html()} and open that. Prints without secrets.
     */
    public static final class ConsentRequest {
        private final Flavour flavour;
        private final String state;
        private final String method;
        private final URI url;
        private final Map<String, String> formFields;

        private ConsentRequest(Flavour flavour, String state, String method, URI url, Map<String, String> formFields) {
            this.flavour = flavour;
            this.state = state;
            this.method = method;
            this.url = url;
            this.formFields = Collections.unmodifiableMap(new LinkedHashMap<>(formFields));
        }

        public Flavour flavour() {
            return flavour;
        }

        /** The random CSRF value sent; pass it to {@link DotyposConsent#parseCallback(URI, String)}. */
        public String state() {
            return state;
        }

        /** {@code GET} (legacy) or {@code POST} (v2). */
        public String method() {
            return method;
        }

        /** The connector page: legacy with its full query (holds the client secret), v2 the form action. */
        public URI url() {
            return url;
        }

        /** The fields the v2 form posts, in order; empty for legacy. */
        public Map<String, String> formFields() {
            return formFields;
        }

        /**
         * A small page that sends the browser on to the connector page: for v2 a form that submits
         * itself (with a button when scripts are off), for legacy a redirect with a link. Serve it
         * only to the local browser; it holds the legacy URL or the v2 signature.
         */
        public String html() {
            StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
            if (flavour == Flavour.LEGACY) {
                page.append("<meta http-equiv=\"refresh\" content=\"0;url=").append(escapeHtml(url.toString()))
                        .append("\"><title>Connect to Dotypos</title></head>\n<body><p><a href=\"")
                        .append(escapeHtml(url.toString())).append("\">Continue to Dotypos</a></p></body></html>\n");
                return page.toString();
            }
            page.append("<title>Connect to Dotypos</title></head>\n<body onload=\"document.forms[0].submit()\">\n")
                    .append("<form method=\"post\" action=\"").append(escapeHtml(url.toString())).append("\">\n");
            formFields.forEach((name, value) -> page.append("<input type=\"hidden\" name=\"").append(escapeHtml(name))
                    .append("\" value=\"").append(escapeHtml(value)).append("\">\n"));
            return page.append("<button type=\"submit\">Continue to Dotypos</button>\n</form></body></html>\n")
                    .toString();
        }

        @Override
        public String toString() {
            return "ConsentRequest[" + flavour.settingValue + ", " + method + " " + url.getScheme() + "://"
                    + url.getRawAuthority() + url.getRawPath() + ", fields=" + (flavour == Flavour.LEGACY
                    ? "[client_id, client_secret, scope, redirect_uri, state]" : formFields.keySet()) + "]";
        }
    }

    /** What a valid callback delivered: the refresh token and the cloud it was granted for. */
    public static final class Result {
        private final Secret refreshToken;
        private final String cloudId;

        private Result(Secret refreshToken, String cloudId) {
            this.refreshToken = refreshToken;
            this.cloudId = cloudId;
        }

        /** The long-lived refresh token (setting {@code refresh-token}); keep it safe. */
        public Secret refreshToken() {
            return refreshToken;
        }

        /** The cloud the user selected (setting {@code cloud-id}). */
        public String cloudId() {
            return cloudId;
        }

        /**
         * Saves the refresh token under {@link DotyposConsent#STORE_KEY} in {@code store}, the same store
         * the application passes to the engine, where the provider finds it when setting
         * {@code refresh-token} is absent. The cloud id is not saved: set {@code cloud-id} to it.
         */
        public void saveTo(SecretStore store) {
            Objects.requireNonNull(store, "store").save(STORE_KEY, refreshToken);
        }

        @Override
        public String toString() {
            return "Result[cloudId=" + cloudId + ", refreshToken=REDACTED]";
        }
    }

    /** Configures a {@link DotyposConsent}. */
    public static final class Builder {
        private final String clientId;
        private final Secret clientSecret;
        private final URI redirectUri;
        private Flavour flavour = Flavour.LEGACY;
        private URI connectUrl = URI.create(DotyposProvider.DEFAULT_CONNECT_URL);
        private URI connectV2Url = URI.create(DotyposProvider.DEFAULT_CONNECT_V2_URL);
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;

        private Builder(String clientId, Secret clientSecret, URI redirectUri) {
            Objects.requireNonNull(clientId, "clientId");
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("the client id must not be blank");
            }
            this.clientId = clientId.strip();
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            this.redirectUri = checkedUrl("redirect-uri", redirectUri);
        }

        /** {@link Flavour#LEGACY} (documented) unless changed. */
        public Builder flavour(Flavour value) {
            this.flavour = Objects.requireNonNull(value, "flavour");
            return this;
        }

        /** The legacy connector page. */
        public Builder connectUrl(URI value) {
            this.connectUrl = checkedUrl(DotyposProvider.CONNECT_URL, value);
            return this;
        }

        /** The v2 connector page. */
        public Builder connectV2Url(URI value) {
            this.connectV2Url = checkedUrl(DotyposProvider.CONNECT_V2_URL, value);
            return this;
        }

        /** The clock the v2 timestamp is read from. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The source of {@code state} values; a new {@link SecureRandom} unless changed. */
        public Builder random(SecureRandom value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public DotyposConsent build() {
            if (random == null) {
                random = new SecureRandom();
            }
            return new DotyposConsent(this);
        }
    }
}
