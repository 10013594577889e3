package dev.apiauth.provider.dotypos;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.FormEncoding;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.consent.ConsentCallbackException;
import dev.apiauth.spi.consent.ConsentRequest;
import dev.apiauth.spi.consent.ConsentResult;
import dev.apiauth.spi.internal.SettingValues;
import dev.apiauth.spi.http.Urls;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time browser step that connects a Dotypos cloud to your client application and yields the
 * refresh token the provider needs. Pure JDK; no HTTP is done here.
 *
 * <pre>{@code
 * DotyposConsent consent = DotyposConsent.builder(settings, URI.create("http://127.0.0.1:8765/callback")).build();
 * ConsentRequest request = consent.begin();
 * // send the browser to the connector page: open request.url() (legacy), or serve request.html()
 * // and open that (works for both flavours); remember request.state()
 * // ... the browser comes back to the redirect URI:
 * ConsentResult result = DotyposConsent.parseCallback(callbackUri, request.state());
 * result.saveTo(secretStore);            // the store you give Credentials.Builder.secretStore(...)
 * // and set cloud-id = result.settings().get("cloud-id")
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
@Api(status = Api.Status.EXPERIMENTAL)
public final class DotyposConsent {
    /**
     * The key under which {@link ConsentResult#saveTo(SecretStore)} keeps the refresh token in the
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
                ? ConsentRequest.redirect(Urls.withQuery(connectUrl, fields), state)
                : ConsentRequest.formPost(connectV2Url, fields, state);
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
    public static ConsentResult parseCallback(URI callback, String expectedState) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(expectedState, "expectedState");
        if (expectedState.isBlank()) {
            throw new IllegalArgumentException("expectedState must be the state of the consent request");
        }
        Map<String, List<String>> query = parseQuery(callback.getRawQuery());
        List<String> states = query.getOrDefault("state", List.of());
        if (states.isEmpty() || states.get(0).isEmpty()) {
            throw new ConsentCallbackException(DotyposProvider.ID, ConsentCallbackException.Reason.STATE_MISSING, "the consent callback"
                    + " carries no 'state', so it cannot be matched to a consent this application started (possible"
                    + " cross-site request forgery); start the consent again");
        }
        if (states.size() != 1 || !MessageDigest.isEqual(states.get(0).getBytes(StandardCharsets.UTF_8),
                expectedState.getBytes(StandardCharsets.UTF_8))) {
            throw new ConsentCallbackException(DotyposProvider.ID, ConsentCallbackException.Reason.STATE_MISMATCH, "the consent"
                    + " callback's 'state' is not the one this consent sent (possible cross-site request forgery, or"
                    + " an old browser tab); start the consent again");
        }
        String token = single(query, "token");
        if (!DotyposProvider.isHeaderToken(token)) {
            throw incomplete("the consent callback's 'token' is not a valid refresh token");
        }
        String cloudId = single(query, "cloudid");
        return new ConsentResult(DotyposProvider.ID, Map.of(DotyposProvider.REFRESH_TOKEN_KEY, Secret.of(token)),
                Map.of(DotyposProvider.CLOUD_ID, cloudId), "Dotypos cloud " + cloudId);
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
        return new ConsentCallbackException(DotyposProvider.ID, ConsentCallbackException.Reason.INCOMPLETE, problem
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

    private static URI checkedUrl(String name, URI value) {
        Objects.requireNonNull(value, name);
        SettingValues.check(Setting.url(name, "a URL").build(), value.toString()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return value;
    }

    @Override
    public String toString() {
        return "DotyposConsent[" + flavour.settingValue + ", clientId=" + clientId + ", clientSecret=REDACTED"
                + ", redirectUri=" + redirectUri + "]";
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
