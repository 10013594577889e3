package dev.apiauth.spi.oauth2;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import java.util.List;
import java.util.Optional;

/**
 * The {@value #SETTING} setting every provider that authenticates its client with HTTP Basic offers:
 * {@code rfc6749} (the default) form-urlencodes client id and secret before Base64 (RFC 6749 §2.3.1),
 * {@code raw} sends them as they are, like {@code curl -u id:secret}. Servers differ in which they
 * decode; this keeps the declaration, the check and the reading the same in every provider.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ClientAuthEncoding {
    /** The setting's name. */
    public static final String SETTING = "client-auth-encoding";

    private static final String RFC_6749 = "rfc6749";
    private static final String RAW = "raw";

    private ClientAuthEncoding() {
    }

    /**
     * {@return the setting's declaration, defaulting to {@code rfc6749}}
     *
     * @param appliesTo where it applies, added to the description (e.g. {@code " (mode password)"}); may be empty
     */
    public static Setting.Builder setting(String appliesTo) {
        return Setting.choice(SETTING, "How client-id and client-secret are put into HTTP Basic" + appliesTo
                        + ": 'rfc6749' form-urlencodes them before Base64 (RFC 6749 §2.3.1), 'raw' sends them as they"
                        + " are, like curl -u id:secret; the same for ids and secrets of letters, digits and -._*",
                List.of(RFC_6749, RAW)).defaultValue(RFC_6749);
    }

    /**
     * {@return whether {@code settings} ask for RFC 6749 encoding; pass it to
     * {@link GrantRequest#formEncodeBasicCredentials(boolean)}}
     *
     * @param settings settings validated against a provider that declares {@link #setting(String)}
     */
    public static boolean formEncodes(ProviderSettings settings) {
        return settings.get(SETTING).equals(RFC_6749);
    }

    /**
     * {@return the problem with sending {@code clientId} raw, if any: a {@code ':'} cannot be carried
     * in a raw HTTP Basic user name}
     *
     * @param settings settings validated against a provider that declares {@link #setting(String)}
     * @param clientIdSetting the name of the setting that holds the client id
     * @param clientId the client id, or {@code null} when none is set
     */
    public static Optional<String> rawProblem(ProviderSettings settings, String clientIdSetting, String clientId) {
        if (formEncodes(settings) || clientId == null || !clientId.contains(":")) {
            return Optional.empty();
        }
        return Optional.of("setting '" + clientIdSetting + "' contains ':', which HTTP Basic cannot carry raw; use '"
                + SETTING + "' '" + RFC_6749 + "'");
    }
}
