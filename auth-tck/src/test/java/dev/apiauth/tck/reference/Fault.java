package dev.apiauth.tck.reference;

/** One deliberate mistake a broken variant of a reference provider makes, to prove a rule catches it. */
public enum Fault {
    /** Puts the client secret into the message of the rejected-credentials error. */
    SECRET_IN_MESSAGE,
    /** Builds tokens without the expiry the vendor announces. */
    IGNORES_EXPIRES_IN,
    /** Subtracts a one-hour "safety margin" from expires_in, so an hour-long token is born expired. */
    EXPIRES_IMMEDIATELY,
    /** Also sends the client secret in the token URL's query string. */
    CREDENTIALS_IN_QUERY,
    /** Maps the vendor's 400/401/403 to a plain AuthException. */
    GENERIC_ERROR_ON_REJECTION,
    /** Keeps the headers of the first token and hands them out for every later token. */
    STALE_HEADERS,
    /** Maps 429 to a transient error without the vendor's Retry-After. */
    RETRY_AFTER_IGNORED,
    /** Parses the body with a cast instead of the SPI helpers, crashing on anything unexpected. */
    PARSES_BODY_ITSELF,
    /** Prints the client secret to System.err and logs the request to java.util.logging. */
    LOGS_SECRET,
    /** A token source whose toString() shows the client secret. */
    LEAKY_TO_STRING,
    /** Declares the client secret as a plain text setting. */
    SECRET_NOT_FLAGGED,
    /** Declares client-id optional and fails later when it is missing. */
    CLIENT_ID_OPTIONAL,
    /** Sends a different scope than the vendor expects. */
    WRONG_TOKEN_REQUEST,
    /** A relative documentation link and a missing EXPIRING_TOKENS capability. */
    INCOMPLETE_INFO,
    /** Builds its own java.net.http client (follows redirects, no timeouts) and takes its URL as plain text. */
    OWN_HTTP_CLIENT,
    /** Keeps rotated refresh tokens in memory only. */
    FORGETS_ROTATED_REFRESH_TOKEN,
    /** Throws IllegalStateException when there is no refresh token. */
    CRASHES_WITHOUT_CONSENT,
    /** Does not declare that the vendor answers an expired token with 403. */
    FORGETS_403,
    /** Treats every error status, 5xx included, as rejected credentials. */
    SERVER_ERROR_AS_REJECTION,
    /** Also sends the client secret to the API in an extra header. */
    EXTRA_SECRET_HEADER,
    /** Assumes a five-minute lifetime when the vendor announces none. */
    INVENTS_LIFETIME,
    /** A cross-setting rule (client-auth 'none' with a secret set) whose problem quotes the client secret. */
    SECRET_IN_VALIDATE,
    /** Declares client-secret optional, then fails at the first token request, before sending, when it is missing. */
    SECRET_OPTIONAL_FAILS_LATE,
    /** headers(token) ignores its argument and uses the token fetch() returned last. */
    HEADERS_FROM_LAST_FETCHED,
    /** Reads expires_in only when it is a JSON number, not when it is a string. */
    STRING_LIFETIME_IGNORED,
    /** Takes whatever is in access_token as the token, even nothing ("null"). */
    ACCEPTS_MISSING_TOKEN,
    /** Uses the client secret as its rate-limit scope. */
    SECRET_IN_RATE_LIMIT_SCOPE,
    /** Sends "Token <value>" where the vendor wants "Bearer <value>". */
    WRONG_HEADER_FORMAT,
    /** Sends the Basic client credentials raw, without RFC 6749 §2.3.1 form-encoding. */
    RAW_BASIC_CREDENTIALS,
    /** Declares an (unused) setting 'proxy-token' as plain text: only the SHOULD rule R1.7 notices. */
    UNFLAGGED_TOKEN_SETTING
}
