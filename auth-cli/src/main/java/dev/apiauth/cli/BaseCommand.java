package dev.apiauth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: its output streams, the root command's environment, and turning a
 * failure into a message and exit status (here rather than in a picocli handler, so a
 * {@code CommandLine} built by anyone behaves the same).
 */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AuthCtl root;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (ParameterException e) {
            // A bad option value found while running: picocli prints it with this command's usage.
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report(new CliException(ExitCodes.FAILURE, "interrupted"));
        } catch (Exception e) {
            return report(e);
        } finally {
            out().flush();
        }
    }

    /** With {@code --json} the failure is a JSON document on standard output, else a line on standard error. */
    private int report(Exception failure) {
        return jsonRequested(spec) ? Failures.reportJson(failure, out()) : Failures.report(failure, err());
    }

    /** Whether the command has a {@code --json} option and it was given. */
    static boolean jsonRequested(CommandSpec command) {
        OptionSpec json = command.findOption("--json");
        return json != null && Boolean.TRUE.equals(json.getValue());
    }

    /** Does the command's work and returns its exit status; may throw any failure. */
    protected abstract int run() throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A progress note on standard error, only on a terminal and never in JSON mode. */
    void progress(boolean json, String text) {
        if (root.interactive() && !json) {
            err().println(text);
            err().flush();
        }
    }
}
