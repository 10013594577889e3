package dev.apiauth.cli;

import dev.apiauth.tck.TckRunner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code authctl tck}: runs the provider contract ({@link TckRunner}) for every contract fixture on
 * the class path plus {@code --class-path}, and prints its rule × provider report.
 */
@Command(name = "tck", mixinStandardHelpOptions = true,
        description = {"Run the apiauth TCK (the provider contract) and print its report of rules passed, failed,"
                + " warned about (SHOULD rules not met), untested and skipped, with an excerpt of each failure"
                + " (the lines where the sent token request differs from the declared one, and where redacted"
                + " credentials differ). It checks every provider that has a contract fixture registered in"
                + " META-INF/services/dev.apiauth.tck.ContractFixture: add your provider and fixture jars with"
                + " --class-path."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no rule failed (warnings do not count)", "1:a rule failed",
            "2:usage error, or no fixture found (nothing ran)"})
final class TckCommand extends BaseCommand {
    @Option(names = {"--class-path", "-cp"}, paramLabel = "PATH",
            description = "Jars or directories holding providers and their contract fixtures, separated by"
                    + " '${sys:path.separator}' (repeatable).")
    List<String> classPath = new ArrayList<>();

    @Option(names = "--providers", paramLabel = "ID", split = ",",
            description = "Check only these provider ids (comma separated).")
    List<String> providers = new ArrayList<>();

    @Option(names = "--reports-dir", paramLabel = "DIR", defaultValue = "tck-reports",
            description = "Where the JUnit XML reports go. Default: ${DEFAULT-VALUE}")
    Path reportsDir;

    @Override
    protected int run() throws IOException {
        // Checked here, not by the runner, so a bad entry is reported with the usage of `authctl tck`.
        ClassPathOption.entries(spec.commandLine(), classPath);
        List<String> args = new ArrayList<>();
        if (!classPath.isEmpty()) {
            args.add("--class-path");
            args.add(String.join(File.pathSeparator, classPath));
        }
        if (!providers.isEmpty()) {
            args.add("--providers");
            args.add(String.join(",", providers));
        }
        args.add("--reports-dir");
        args.add(reportsDir.toString());
        progress(false, "Running the TCK…");
        try (PrintStream report = new PrintStream(new LineForwarder(out()), true, StandardCharsets.UTF_8)) {
            return TckRunner.run(args.toArray(new String[0]), report);
        }
    }

    /** Passes the runner's byte output on to picocli's writer line by line, as it comes. */
    private static final class LineForwarder extends OutputStream {
        private final PrintWriter target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineForwarder(PrintWriter target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                target.write(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
            target.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
