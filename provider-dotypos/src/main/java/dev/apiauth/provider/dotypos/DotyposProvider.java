package dev.apiauth.provider.dotypos;

import com.google.auto.service.AutoService;
import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.consent.ConsentRequest;
import dev.apiauth.spi.consent.ConsentResult;
import dev.apiauth.spi.consent.InteractiveConsent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Dotypos (Dotykačka) API v2. A browser consent ({@link DotyposConsent}) yields a long-lived refresh
 * token and a cloud id once; from then on {@code POST /v2/signin/token} with
 * {@code Authorization: User <refresh token>} and {@code {"_cloudId": "…"}} issues one-hour JWT access
 * tokens for that cloud, sent as {@code Authorization: Bearer <token>}.
 *
 * <p>The refresh token comes from setting {@value #REFRESH_TOKEN}, or else from the engine's secret
 * store under {@value #REFRESH_TOKEN_KEY} (where {@link ConsentResult#saveTo} puts it). With
 * neither, fetching a token throws {@link dev.apiauth.spi.InteractionRequiredException}. The consent is
 * offered through {@link InteractiveConsent}, so {@code authctl connect dotypos} or any other driver
 * runs it without knowing this class.
 */
@Api(status = Api.Status.INTERNAL)
@AutoService(AuthProvider.class)
public final class DotyposProvider implements AuthProvider, InteractiveConsent {
    /** The provider id. */
    public static final String ID = "dotypos";

    /** Setting: the client application's id, used by the consent step only. */
    public static final String CLIENT_ID = "client-id";
    /** Setting: the client application's secret, used by the consent step only. */
    public static final String CLIENT_SECRET = "client-secret";
    /** Setting: the cloud the access tokens are for. */
    public static final String CLOUD_ID = "cloud-id";
    /** Setting: the refresh token, when not kept in the secret store. */
    public static final String REFRESH_TOKEN = "refresh-token";
    /** Setting: send {@code _cloudId} as a JSON number instead of the documented string. */
    public static final String CLOUD_ID_AS_NUMBER = "cloud-id-as-number";
    /** Setting: which connector page the consent step uses ({@code legacy} or {@code v2}). */
    public static final String CONSENT_FLAVOUR = "consent-flavour";
    /** Setting: the token endpoint. */
    public static final String TOKEN_URL = "token-url";
    /** Setting: the API base URL, for the application's own API calls. */
    public static final String API_BASE_URL = "api-base-url";
    /** Setting: the documented (legacy) connector page. */
    public static final String CONNECT_URL = "connect-url";
    /** Setting: the current (v2) connector page. */
    public static final String CONNECT_V2_URL = "connect-v2-url";

    /**
     * The key of the refresh token in the secret store the engine gives this provider. The engine
     * prefixes each provider's keys with its id, so in the application's store (the one passed to
     * the engine) it is {@value DotyposConsent#STORE_KEY}.
     */
    public static final String REFRESH_TOKEN_KEY = "refresh-token";

    /** The token attribute holding the cloud id the token was issued for (absent without one). */
    public static final String CLOUD_ID_ATTRIBUTE = "cloudId";

    static final String DEFAULT_TOKEN_URL = "https://api.dotykacka.cz/v2/signin/token";
    static final String DEFAULT_API_BASE_URL = "https://api.dotykacka.cz/v2";
    static final String DEFAULT_CONNECT_URL = "https://admin.dotykacka.cz/client/connect";
    static final String DEFAULT_CONNECT_V2_URL = "https://admin.dotykacka.cz/client/connect/v2";

    /**
     * Built by the first {@link #info()}, not when discovery instantiates the provider: an application
     * discovers every provider on its class path and uses one or two.
     */
    private static final class Metadata {
        static final ProviderInfo INFO = ProviderInfo.builder("Dotypos (Dotykačka) API v2")
                .documentation("https://docs.api.dotypos.com/authorization")
                .setting(Setting.text(CLIENT_ID, "Client ID of your Dotypos client application; needed only for the"
                        + " consent step that connects a cloud"))
                .setting(Setting.secret(CLIENT_SECRET, "Client secret of your Dotypos client application; needed only"
                        + " for the consent step"))
                .setting(Setting.text(CLOUD_ID, "The cloud id the access tokens are for (the 'cloudid' the consent step"
                        + " returns); without it a token can only list the clouds"))
                .setting(Setting.secret(REFRESH_TOKEN, "The refresh token from the consent step; when absent it is"
                        + " read from the secret store (key '" + DotyposConsent.STORE_KEY + "')"))
                .setting(Setting.flag(CLOUD_ID_AS_NUMBER, "Send _cloudId as a JSON number; the documentation says"
                        + " string, some clients send a number").defaultValue("false"))
                .setting(Setting.choice(CONSENT_FLAVOUR, "Connector page of the consent step: 'legacy' (documented,"
                        + " sends the client secret in the URL) or 'v2' (signed form, the secret is not sent)",
                        List.of(DotyposConsent.Flavour.LEGACY.settingValue(), DotyposConsent.Flavour.V2.settingValue()))
                        .defaultValue(DotyposConsent.Flavour.LEGACY.settingValue()))
                .setting(Setting.url(TOKEN_URL, "Token endpoint").defaultValue(DEFAULT_TOKEN_URL))
                .setting(Setting.url(API_BASE_URL, "API base URL; API paths are /clouds/{cloudId}/…")
                        .defaultValue(DEFAULT_API_BASE_URL))
                .setting(Setting.url(CONNECT_URL, "Legacy connector page of the consent step (documented)")
                        .defaultValue(DEFAULT_CONNECT_URL))
                .setting(Setting.url(CONNECT_V2_URL, "Current connector page of the consent step (signed form)")
                        .defaultValue(DEFAULT_CONNECT_V2_URL))
                .capabilities(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS, Capability.REFRESH_TOKENS,
                        Capability.INTERACTIVE_CONSENT)
                // The documented answer to an expired token is 401; some clients see 403: refresh on both.
                .tokenRejectedStatus(403)
                .build();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderInfo info() {
        return Metadata.INFO;
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<String> validate(ProviderSettings settings) {
        List<String> problems = new ArrayList<>();
        settings.find(REFRESH_TOKEN).ifPresent(token -> {
            if (!isHeaderToken(token)) {
                problems.add("setting '" + REFRESH_TOKEN + "' contains white space or control characters; give the"
                        + " token value alone, without a 'User ' prefix, quotes or line breaks");
            }
        });
        if (settings.flag(CLOUD_ID_AS_NUMBER)) {
            String cloudId = settings.find(CLOUD_ID).orElse(null);
            if (cloudId != null && !cloudId.matches("\\d{1,18}")) {
                problems.add("setting '" + CLOUD_ID_AS_NUMBER + "' is true but '" + CLOUD_ID + "' ('" + cloudId
                        + "') is not a whole number; fix the cloud id or set " + CLOUD_ID_AS_NUMBER + "=false");
            }
        }
        return problems;
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return new DotyposTokenSource(settings, context);
    }

    /**
     * A consent with the flavour and connector pages of the settings ({@link DotyposConsent#builder(ProviderSettings, URI)}).
     *
     * @throws dev.apiauth.spi.InvalidSettingsException when {@code client-id} or {@code client-secret} is missing
     */
    @Override
    public ConsentRequest beginConsent(ProviderSettings settings, URI redirectUri) {
        return DotyposConsent.builder(settings, redirectUri).build().begin();
    }

    /** {@link DotyposConsent#parseCallback(URI, String)} against the request's state. */
    @Override
    public ConsentResult completeConsent(ConsentRequest request, URI callback) {
        return DotyposConsent.parseCallback(callback, request.state());
    }

    /** Whether {@code value} can follow {@code User } in a header: visible ASCII, no spaces. */
    static boolean isHeaderToken(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    @Override
    public String toString() {
        return "DotyposProvider[" + ID + "]";
    }
}
