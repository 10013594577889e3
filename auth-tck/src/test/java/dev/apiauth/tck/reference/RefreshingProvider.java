package dev.apiauth.tck.reference;

import dev.apiauth.spi.AccessToken;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;
import dev.apiauth.spi.EndpointResponse;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.ProviderContext;
import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.TokenSource;
import dev.apiauth.spi.oauth2.ClientCredentials;
import dev.apiauth.spi.oauth2.GrantRequest;
import dev.apiauth.spi.oauth2.TokenResponses;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The TCK's reference provider for refresh tokens: a person's consent yields a refresh token
 * (a setting, or one stored earlier), exchanged with the RFC 6749 §6 refresh grant; the vendor
 * rotates it and the provider stores each new one in the engine's secret store.
 */
public class RefreshingProvider implements AuthProvider {
    public static final String ID = "tck-reference-refreshing";
    /** The store key of the current refresh token. */
    public static final String STORE_KEY = "refresh-token";

    private final String id;
    private final Set<Fault> faults;

    public RefreshingProvider() {
        this(ID);
    }

    protected RefreshingProvider(String id, Fault... faults) {
        this.id = id;
        this.faults = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.of(faults[0], faults);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int requestedSpiVersion() {
        return SPI_VERSION;
    }

    @Override
    public ProviderInfo info() {
        ProviderInfo.Builder info = ProviderInfo.builder("TCK reference (refresh tokens)")
                .documentation("https://www.rfc-editor.org/rfc/rfc6749#section-6")
                .setting(Setting.url("token-url", "Token endpoint URL").required())
                .setting(Setting.text("client-id", "OAuth2 client id").required())
                .setting(Setting.secret("client-secret", "OAuth2 client secret").required())
                .setting(Setting.secret("refresh-token", "The refresh token from the consent step; when absent the"
                        + " stored one is used"))
                .capabilities(Capability.TOKEN_ENDPOINT, Capability.EXPIRING_TOKENS, Capability.REFRESH_TOKENS,
                        Capability.INTERACTIVE_CONSENT);
        if (!faults.contains(Fault.FORGETS_403)) {
            info.tokenRejectedStatus(403);
        }
        return info.build();
    }

    @Override
    public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
        return new Source(settings.uri("token-url"),
                new ClientCredentials(settings.get("client-id"), settings.secret("client-secret")),
                settings.findSecret("refresh-token"), context);
    }

    private final class Source implements TokenSource {
        private final URI tokenUri;
        private final ClientCredentials client;
        private final Optional<Secret> configured;
        private final ProviderContext context;
        private Secret inMemory;

        Source(URI tokenUri, ClientCredentials client, Optional<Secret> configured, ProviderContext context) {
            this.tokenUri = tokenUri;
            this.client = client;
            this.configured = configured;
            this.context = context;
        }

        @Override
        public AccessToken fetch() {
            Secret refreshToken = current();
            EndpointResponse response = context.tokenEndpoint().send(
                    GrantRequest.refreshToken(tokenUri, client, refreshToken).build());
            TokenResponses responses = TokenResponses.of(context);
            AccessToken token = responses.parse(response);
            Map<String, Object> body = responses.successObject(response);
            if (body.get("refresh_token") instanceof String rotated && !rotated.isBlank()) {
                if (faults.contains(Fault.FORGETS_ROTATED_REFRESH_TOKEN)) {
                    inMemory = Secret.of(rotated);
                } else {
                    // Stored before the token is used: a crash now must not lose the only valid refresh token.
                    context.secretStore().save(STORE_KEY, Secret.of(rotated));
                }
            }
            return token;
        }

        /** The newest refresh token: stored (rotated) first, then the configured one. */
        private Secret current() {
            if (inMemory != null) {
                return inMemory;
            }
            Optional<Secret> known = context.secretStore().load(STORE_KEY).or(() -> configured);
            if (known.isEmpty() && faults.contains(Fault.CRASHES_WITHOUT_CONSENT)) {
                throw new IllegalStateException("no refresh token");
            }
            return known.orElseThrow(() -> new InteractionRequiredException(id, "no refresh token yet: grant consent"
                    + " once in a browser and set 'refresh-token' to the token it returns"));
        }

        @Override
        public String toString() {
            return "RefreshingSource[" + tokenUri + ", " + client + "]";
        }
    }
}
