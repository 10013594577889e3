package dev.apiauth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Failures.report(new CliException(ExitCodes.FAILURE, "interrupted"), err());
        } catch (Exception e) {
            return Failures.report(e, err());
        } finally {
            out().flush();
        }
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
