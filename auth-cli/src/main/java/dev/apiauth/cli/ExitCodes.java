package dev.apiauth.cli;

/**
 * The exit statuses of {@code authctl}, so scripts can tell bad settings from rejected credentials
 * from a vendor that is down. The {@code *_LINE} constants feed picocli's exit-code help section.
 */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** Anything not listed below: a malformed vendor answer, a failed demo step or TCK rule, a bug. */
    public static final int FAILURE = 1;
    /** Bad command line: unknown option, command or provider id, missing argument, unreadable file. */
    public static final int USAGE = 2;
    /** The provider's settings are missing or invalid; every problem is listed. */
    public static final int INVALID_SETTINGS = 3;
    /** The vendor rejected the credentials; retrying without changing them will not help. */
    public static final int CREDENTIALS_REJECTED = 4;
    /** A transient failure: vendor 5xx or 429, connection refused, timeout. Retrying later may help. */
    public static final int TRANSIENT = 5;
    /** A person must act first, e.g. connect Dotypos in a browser, or the consent was not completed. */
    public static final int INTERACTION_REQUIRED = 6;
    /** {@code request}: the API answered with a status other than 2xx (it is still printed). */
    public static final int API_ERROR = 7;

    static final String OK_LINE = "0:success";
    static final String FAILURE_LINE = "1:other failure (malformed vendor answer, failed demo step or TCK rule)";
    static final String USAGE_LINE = "2:usage error (unknown option, command or provider, unreadable file)";
    static final String INVALID_SETTINGS_LINE = "3:invalid or missing settings (each problem is listed)";
    static final String CREDENTIALS_REJECTED_LINE = "4:the vendor rejected the credentials";
    static final String TRANSIENT_LINE = "5:transient failure (5xx, 429, connection refused, timeout): retry later";
    static final String INTERACTION_REQUIRED_LINE = "6:a person must act first (e.g. authctl connect dotypos)";
    static final String API_ERROR_LINE = "7:request: the API answered with a non-2xx status";

    private ExitCodes() {
    }
}
