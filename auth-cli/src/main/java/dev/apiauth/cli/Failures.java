package dev.apiauth.cli;

import dev.apiauth.core.UnknownProviderException;
import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.CredentialsRejectedException;
import dev.apiauth.spi.InteractionRequiredException;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.TransientAuthException;
import dev.apiauth.spi.consent.ConsentCallbackException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * Prints {@code failure} to {@code out} as the one JSON document of a {@code --json} run, so a
     * script reading standard output gets JSON either way; returns the exit status it stands for.
     * The object is {@code {"error": {"exitCode", "kind", "message", "provider"?, "problems"?,
     * "retryAfterSeconds"?}}}.
     */
    static int reportJson(Throwable failure, PrintWriter out) {
        int code = exitCode(failure);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exitCode", code);
        error.put("kind", kind(code));
        error.put("message", message(failure));
        if (failure instanceof AuthException auth) {
            auth.providerId().ifPresent(id -> error.put("provider", id));
        }
        if (failure instanceof InvalidSettingsException invalid) {
            error.put("problems", invalid.problems());
        }
        if (failure instanceof TransientAuthException transientFailure) {
            transientFailure.retryAfter().ifPresent(wait -> error.put("retryAfterSeconds", wait.toSeconds()));
        }
        out.println(JacksonJson.INSTANCE.write(Map.of("error", error)));
        out.flush();
        return code;
    }

    /** A usage error (bad option, argument or command) as {@link #reportJson} prints failures. */
    static int reportUsageJson(String message, PrintWriter out) {
        return reportJson(new CliException(ExitCodes.USAGE, message), out);
    }

    /** A name for each exit status, for scripts that prefer words to numbers. */
    static String kind(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.USAGE -> "usage";
            case ExitCodes.INVALID_SETTINGS -> "invalid-settings";
            case ExitCodes.CREDENTIALS_REJECTED -> "credentials-rejected";
            case ExitCodes.TRANSIENT -> "transient";
            case ExitCodes.INTERACTION_REQUIRED -> "interaction-required";
            case ExitCodes.API_ERROR -> "api-error";
            default -> "failure";
        };
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
