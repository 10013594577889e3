package dev.apiauth.tck.reference;

/**
 * Deliberately broken variants of the reference providers, one mistake each (see {@link Fault}),
 * registered with ServiceLoader under their own ids (except {@link MissingFromServices}).
 */
public final class BrokenProviders {
    private BrokenProviders() {
    }

    public static final class LeaksSecretInMessage extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-secret-in-message";

        public LeaksSecretInMessage() {
            super(ID, Fault.SECRET_IN_MESSAGE);
        }
    }

    public static final class IgnoresExpiresIn extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-ignores-expires-in";

        public IgnoresExpiresIn() {
            super(ID, Fault.IGNORES_EXPIRES_IN);
        }
    }

    public static final class ExpiresImmediately extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-expires-immediately";

        public ExpiresImmediately() {
            super(ID, Fault.EXPIRES_IMMEDIATELY);
        }
    }

    public static final class CredentialsInQuery extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-credentials-in-query";

        public CredentialsInQuery() {
            super(ID, Fault.CREDENTIALS_IN_QUERY);
        }
    }

    public static final class GenericErrorOnRejection extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-generic-error";

        public GenericErrorOnRejection() {
            super(ID, Fault.GENERIC_ERROR_ON_REJECTION);
        }
    }

    public static final class StaleHeaders extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-stale-headers";

        public StaleHeaders() {
            super(ID, Fault.STALE_HEADERS);
        }
    }

    public static final class RetryAfterIgnored extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-retry-after-ignored";

        public RetryAfterIgnored() {
            super(ID, Fault.RETRY_AFTER_IGNORED);
        }
    }

    public static final class ParsesBodyItself extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-parses-body-itself";

        public ParsesBodyItself() {
            super(ID, Fault.PARSES_BODY_ITSELF);
        }
    }

    public static final class LogsSecret extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-logs-secret";

        public LogsSecret() {
            super(ID, Fault.LOGS_SECRET);
        }
    }

    public static final class LeakyToString extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-leaky-to-string";

        public LeakyToString() {
            super(ID, Fault.LEAKY_TO_STRING);
        }
    }

    public static final class SecretNotFlagged extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-secret-not-flagged";

        public SecretNotFlagged() {
            super(ID, Fault.SECRET_NOT_FLAGGED);
        }
    }

    public static final class ClientIdOptional extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-client-id-optional";

        public ClientIdOptional() {
            super(ID, Fault.CLIENT_ID_OPTIONAL);
        }
    }

    public static final class WrongTokenRequest extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-wrong-token-request";

        public WrongTokenRequest() {
            super(ID, Fault.WRONG_TOKEN_REQUEST);
        }
    }

    public static final class IncompleteInfo extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-incomplete-info";

        public IncompleteInfo() {
            super(ID, Fault.INCOMPLETE_INFO);
        }
    }

    public static final class OwnHttpClient extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-own-http-client";

        public OwnHttpClient() {
            super(ID, Fault.OWN_HTTP_CLIENT);
        }
    }

    /** An id the engine refuses and an SPI version from the future. */
    public static final class InvalidIdAndSpi extends ClientCredentialsProvider {
        public static final String ID = "Broken_Id";

        public InvalidIdAndSpi() {
            super(ID);
        }

        @Override
        public int requestedSpiVersion() {
            return SPI_VERSION + 98;
        }
    }

    /** Correct, but not listed in META-INF/services. */
    public static final class MissingFromServices extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-missing-from-services";

        public MissingFromServices() {
            super(ID);
        }
    }

    public static final class ForgetsRotatedRefreshToken extends RefreshingProvider {
        public static final String ID = "tck-broken-forgets-refresh-token";

        public ForgetsRotatedRefreshToken() {
            super(ID, Fault.FORGETS_ROTATED_REFRESH_TOKEN);
        }
    }

    public static final class CrashesWithoutConsent extends RefreshingProvider {
        public static final String ID = "tck-broken-crashes-without-consent";

        public CrashesWithoutConsent() {
            super(ID, Fault.CRASHES_WITHOUT_CONSENT);
        }
    }

    public static final class Forgets403 extends RefreshingProvider {
        public static final String ID = "tck-broken-forgets-403";

        public Forgets403() {
            super(ID, Fault.FORGETS_403);
        }
    }

    public static final class ServerErrorAsRejection extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-server-error-as-rejection";

        public ServerErrorAsRejection() {
            super(ID, Fault.SERVER_ERROR_AS_REJECTION);
        }
    }

    public static final class ExtraSecretHeader extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-extra-secret-header";

        public ExtraSecretHeader() {
            super(ID, Fault.EXTRA_SECRET_HEADER);
        }
    }

    public static final class InventsLifetime extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-invents-lifetime";

        public InventsLifetime() {
            super(ID, Fault.INVENTS_LIFETIME);
        }
    }

    public static final class SecretInValidate extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-secret-in-validate";

        public SecretInValidate() {
            super(ID, Fault.SECRET_IN_VALIDATE);
        }
    }

    public static final class SecretOptionalFailsLate extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-secret-optional";

        public SecretOptionalFailsLate() {
            super(ID, Fault.SECRET_OPTIONAL_FAILS_LATE);
        }
    }

    public static final class HeadersFromLastFetched extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-headers-from-last-fetched";

        public HeadersFromLastFetched() {
            super(ID, Fault.HEADERS_FROM_LAST_FETCHED);
        }
    }

    public static final class StringLifetimeIgnored extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-string-lifetime-ignored";

        public StringLifetimeIgnored() {
            super(ID, Fault.STRING_LIFETIME_IGNORED);
        }
    }

    public static final class AcceptsMissingToken extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-accepts-missing-token";

        public AcceptsMissingToken() {
            super(ID, Fault.ACCEPTS_MISSING_TOKEN);
        }
    }

    public static final class SecretInRateLimitScope extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-secret-in-rate-limit-scope";

        public SecretInRateLimitScope() {
            super(ID, Fault.SECRET_IN_RATE_LIMIT_SCOPE);
        }
    }

    public static final class WrongHeaderFormat extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-wrong-header-format";

        public WrongHeaderFormat() {
            super(ID, Fault.WRONG_HEADER_FORMAT);
        }
    }

    public static final class RawBasicCredentials extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-raw-basic-credentials";

        public RawBasicCredentials() {
            super(ID, Fault.RAW_BASIC_CREDENTIALS);
        }
    }

    public static final class UnflaggedTokenSetting extends ClientCredentialsProvider {
        public static final String ID = "tck-broken-unflagged-token-setting";

        public UnflaggedTokenSetting() {
            super(ID, Fault.UNFLAGGED_TOKEN_SETTING);
        }
    }

    /** Correct, but its id is not lower-case; its fixture uses the lower-case id. */
    public static final class MixedCaseId extends ClientCredentialsProvider {
        public static final String ID = "TCK-Mixed-Case";

        public MixedCaseId() {
            super(ID);
        }
    }
}
