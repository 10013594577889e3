package dev.apiauth.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.tck.reference.BrokenProviders;
import dev.apiauth.tck.reference.ClientCredentialsFixture;
import dev.apiauth.tck.reference.ClientCredentialsProvider;
import dev.apiauth.tck.reference.RefreshingFixture;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The contract run on each broken provider (and two broken engines), for {@link BrokenProvidersTest}.
 * Nested, so the build does not run them as ordinary tests: they are meant to fail.
 */
final class BrokenContracts {
    private BrokenContracts() {
    }

    /** A contract for a broken variant of the client-credentials reference vendor. */
    abstract static class ClientCredentialsVariant extends AuthProviderContract {
        private final String id;

        ClientCredentialsVariant(String id) {
            this.id = id;
        }

        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture(id, null);
        }
    }

    /** A contract for a broken variant of the refresh-token reference vendor. */
    abstract static class RefreshingVariant extends AuthProviderContract {
        private final String id;

        RefreshingVariant(String id) {
            this.id = id;
        }

        @Override
        protected ContractFixture fixture() {
            return new RefreshingFixture(id);
        }
    }

    static final class LeaksSecretInMessage extends ClientCredentialsVariant {
        LeaksSecretInMessage() {
            super(BrokenProviders.LeaksSecretInMessage.ID);
        }
    }

    static final class IgnoresExpiresIn extends ClientCredentialsVariant {
        IgnoresExpiresIn() {
            super(BrokenProviders.IgnoresExpiresIn.ID);
        }
    }

    static final class ExpiresImmediately extends ClientCredentialsVariant {
        ExpiresImmediately() {
            super(BrokenProviders.ExpiresImmediately.ID);
        }
    }

    static final class CredentialsInQuery extends ClientCredentialsVariant {
        CredentialsInQuery() {
            super(BrokenProviders.CredentialsInQuery.ID);
        }
    }

    static final class GenericErrorOnRejection extends ClientCredentialsVariant {
        GenericErrorOnRejection() {
            super(BrokenProviders.GenericErrorOnRejection.ID);
        }
    }

    static final class StaleHeaders extends ClientCredentialsVariant {
        StaleHeaders() {
            super(BrokenProviders.StaleHeaders.ID);
        }
    }

    static final class RetryAfterIgnored extends ClientCredentialsVariant {
        RetryAfterIgnored() {
            super(BrokenProviders.RetryAfterIgnored.ID);
        }
    }

    static final class ParsesBodyItself extends ClientCredentialsVariant {
        ParsesBodyItself() {
            super(BrokenProviders.ParsesBodyItself.ID);
        }
    }

    static final class LogsSecret extends ClientCredentialsVariant {
        LogsSecret() {
            super(BrokenProviders.LogsSecret.ID);
        }
    }

    static final class LeakyToString extends ClientCredentialsVariant {
        LeakyToString() {
            super(BrokenProviders.LeakyToString.ID);
        }
    }

    static final class SecretNotFlagged extends ClientCredentialsVariant {
        SecretNotFlagged() {
            super(BrokenProviders.SecretNotFlagged.ID);
        }
    }

    /** The fixture knows more than the provider declares: client-id is required, so R2.1 checks it. */
    static final class ClientIdOptional extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture(BrokenProviders.ClientIdOptional.ID, null) {
                @Override
                public Set<String> requiredSettings() {
                    return Set.of("client-id");
                }
            };
        }
    }

    static final class WrongTokenRequest extends ClientCredentialsVariant {
        WrongTokenRequest() {
            super(BrokenProviders.WrongTokenRequest.ID);
        }
    }

    static final class IncompleteInfo extends ClientCredentialsVariant {
        IncompleteInfo() {
            super(BrokenProviders.IncompleteInfo.ID);
        }
    }

    static final class OwnHttpClient extends ClientCredentialsVariant {
        OwnHttpClient() {
            super(BrokenProviders.OwnHttpClient.ID);
        }
    }

    static final class InvalidIdAndSpi extends ClientCredentialsVariant {
        InvalidIdAndSpi() {
            super(BrokenProviders.InvalidIdAndSpi.ID);
        }
    }

    static final class ServerErrorAsRejection extends ClientCredentialsVariant {
        ServerErrorAsRejection() {
            super(BrokenProviders.ServerErrorAsRejection.ID);
        }
    }

    static final class ExtraSecretHeader extends ClientCredentialsVariant {
        ExtraSecretHeader() {
            super(BrokenProviders.ExtraSecretHeader.ID);
        }
    }

    static final class InventsLifetime extends ClientCredentialsVariant {
        InventsLifetime() {
            super(BrokenProviders.InventsLifetime.ID);
        }
    }

    static final class SecretInValidate extends ClientCredentialsVariant {
        SecretInValidate() {
            super(BrokenProviders.SecretInValidate.ID);
        }
    }

    static final class SecretOptionalFailsLate extends ClientCredentialsVariant {
        SecretOptionalFailsLate() {
            super(BrokenProviders.SecretOptionalFailsLate.ID);
        }
    }

    static final class HeadersFromLastFetched extends ClientCredentialsVariant {
        HeadersFromLastFetched() {
            super(BrokenProviders.HeadersFromLastFetched.ID);
        }
    }

    static final class AcceptsMissingToken extends ClientCredentialsVariant {
        AcceptsMissingToken() {
            super(BrokenProviders.AcceptsMissingToken.ID);
        }
    }

    static final class SecretInRateLimitScope extends ClientCredentialsVariant {
        SecretInRateLimitScope() {
            super(BrokenProviders.SecretInRateLimitScope.ID);
        }
    }

    static final class WrongHeaderFormat extends ClientCredentialsVariant {
        WrongHeaderFormat() {
            super(BrokenProviders.WrongHeaderFormat.ID);
        }
    }

    static final class RawBasicCredentials extends ClientCredentialsVariant {
        RawBasicCredentials() {
            super(BrokenProviders.RawBasicCredentials.ID);
        }
    }

    /**
     * A vendor that announces expires_in as a number for odd tokens and as a string for even ones,
     * with a provider that reads numbers only: the first token is fine, the second is not.
     */
    static final class StringLifetimeIgnored extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture(BrokenProviders.StringLifetimeIgnored.ID, null) {
                @Override
                protected ResponseDefinitionBuilder success(IssuedToken token) {
                    String quote = token.sequence() % 2 == 0 ? "\"" : "";
                    return okJson("{\"access_token\":\"" + token.value() + "\",\"token_type\":\"bearer\""
                            + token.lifetime().map(life -> ",\"expires_in\":" + quote + life.toSeconds() + quote)
                                    .orElse("") + "}");
                }
            };
        }
    }

    /** A correct provider whose fixture spells its id in capitals: ids are lower-case. */
    static final class WrongCaseProviderId extends AuthProviderContract {
        static final String ID = "TCK-Reference";

        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture(ID, null);
        }
    }

    static final class UnflaggedTokenSetting extends ClientCredentialsVariant {
        UnflaggedTokenSetting() {
            super(BrokenProviders.UnflaggedTokenSetting.ID);
        }
    }

    /** A provider whose id has capitals, and a fixture that names it in lower case. */
    static final class MixedCaseId extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture("tck-mixed-case", null);
        }
    }

    /** Not registered with ServiceLoader; the fixture hands the TCK an instance so the other rules run. */
    static final class MissingFromServices extends AuthProviderContract {
        @Override
        protected ContractFixture fixture() {
            return new ClientCredentialsFixture(BrokenProviders.MissingFromServices.ID,
                    new BrokenProviders.MissingFromServices());
        }
    }

    static final class ForgetsRotatedRefreshToken extends RefreshingVariant {
        ForgetsRotatedRefreshToken() {
            super(BrokenProviders.ForgetsRotatedRefreshToken.ID);
        }
    }

    static final class CrashesWithoutConsent extends RefreshingVariant {
        CrashesWithoutConsent() {
            super(BrokenProviders.CrashesWithoutConsent.ID);
        }
    }

    static final class Forgets403 extends RefreshingVariant {
        Forgets403() {
            super(BrokenProviders.Forgets403.ID);
        }
    }

    /** A correct provider behind an engine that silently drops settings the provider does not declare. */
    static final class EngineIgnoresUnknownSettings extends ClientCredentialsVariant {
        EngineIgnoresUnknownSettings() {
            super(ClientCredentialsProvider.ID);
        }

        @Override
        Settings engineSettings(Map<String, String> values) {
            Map<String, String> known = new LinkedHashMap<>(values);
            known.keySet().retainAll(new ClientCredentialsProvider().info().settings().stream()
                    .map(dev.apiauth.spi.Setting::name).toList());
            return Settings.of(known);
        }
    }

    /** A correct provider behind an HTTP integration that retries a 401 up to three times. */
    static final class IntegrationRetriesForever extends ClientCredentialsVariant {
        IntegrationRetriesForever() {
            super(ClientCredentialsProvider.ID);
        }

        @Override
        CloseableHttpClient apiClient(Credentials credentials) {
            ExecChainHandler looping = (ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain) -> {
                ClassicHttpResponse response = null;
                for (int attempt = 0; attempt < 4; attempt++) {
                    if (response != null) {
                        EntityUtils.consumeQuietly(response.getEntity());
                        closeQuietly(response);
                    }
                    credentials.headers().forEach(request::setHeader);
                    response = chain.proceed(request, scope);
                    if (response.getCode() != 401) {
                        return response;
                    }
                    credentials.invalidate();
                }
                return response;
            };
            return HttpClients.custom().addExecInterceptorFirst("looping", looping).disableAutomaticRetries().build();
        }

        private static void closeQuietly(ClassicHttpResponse response) {
            try {
                response.close();
            } catch (IOException ignored) {
                // the next attempt replaces it
            }
        }
    }
}
