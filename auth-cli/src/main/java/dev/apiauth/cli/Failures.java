package dev.apiauth.cli;

import dev.apiauth.core.UnknownProviderException;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.consent.ConsentCallbackException;
import java.io.PrintWriter;

/**
 * Turns a failure into one clear line on standard error (plus the list of problems for bad
 * settings) and an exit status from {@link ExitCodes}. The messages come from apiauth's exceptions,
 * which never hold a secret; no stack trace is printed.
 */
final class Failures {
    private Failures() {
    }

    /** Prints {@code failure} to {@code err} and returns the exit status it stands for. */
    static int report(Throwable failure, PrintWriter err) {
        int code = exitCode(failure);
        err.println("authctl: " + message(failure));
        if (failure instanceof InvalidSettingsException invalid) {
            invalid.providerId().ifPresent(id -> err.println("  (see the settings of " + id
                    + " with: authctl describe " + id + ")"));
        }
        if (failure instanceof TransientAuthException transientFailure) {
            transientFailure.retryAfter().ifPresent(wait -> err.println("  the vendor asked to wait "
                    + Durations.human(wait) + " before retrying"));
        }
        err.flush();
        return code;
    }

    /** The exit status for {@code failure}. */
    static int exitCode(Throwable failure) {
        if (failure instanceof CliException cli) {
            return cli.exitCode();
        }
        if (failure instanceof UnknownProviderException) {
            return ExitCodes.USAGE;
        }
        if (failure instanceof InvalidSettingsException) {
            return ExitCodes.INVALID_SETTINGS;
        }
        if (failure instanceof CredentialsRejectedException) {
            return ExitCodes.CREDENTIALS_REJECTED;
        }
        if (failure instanceof TransientAuthException) {
            return ExitCodes.TRANSIENT;
        }
        if (failure instanceof InteractionRequiredException || failure instanceof ConsentCallbackException) {
            return ExitCodes.INTERACTION_REQUIRED;
        }
        return ExitCodes.FAILURE;
    }

    private static String message(Throwable failure) {
        if (failure instanceof CliException || failure instanceof AuthException) {
            return failure.getMessage();
        }
        // Not ours: name the type, since e.g. an IOException's message alone ("Connection reset") says little.
        String text = failure.getMessage();
        return "unexpected " + failure.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }
}
