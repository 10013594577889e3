package dev.apiauth.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs the contract for every {@link ContractFixture} registered with ServiceLoader on the class
 * path, prints a rule × provider table of passed, failed and skipped rules with the reasons, and
 * writes JUnit XML reports.
 *
 * <pre>
 * java -jar auth-tck-runner.jar --class-path my-provider.jar:my-provider-fixtures.jar [--reports-dir tck-reports]
 *      [--providers domo,doo]
 * </pre>
 *
 * Exit status: 0 when no rule failed, 1 when one did, 2 for a usage error or when nothing ran.
 */
public final class TckRunner {
    private static final String USAGE = "usage: java -jar auth-tck-runner.jar [--class-path <jar or dir>"
            + File.pathSeparator + "…] [--reports-dir <dir>] [--providers <id,id,…>]";

    private TckRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the contract as {@link #main} does, printing to {@code out}; returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        String previousProviders = System.getProperty(ContractSuite.PROVIDERS_PROPERTY);
        try (URLClassLoader loader = new URLClassLoader(options.classPath.toArray(new URL[0]),
                TckRunner.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            if (options.providers != null) {
                System.setProperty(ContractSuite.PROVIDERS_PROPERTY, options.providers);
            }
            Files.createDirectories(options.reportsDir);
            Results results = new Results();
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(ContractSuite.class))
                    .build();
            Launcher launcher = LauncherFactory.create();
            PrintWriter xmlLog = new PrintWriter(out, true, StandardCharsets.UTF_8);
            launcher.execute(request, results, new LegacyXmlReportGeneratingListener(options.reportsDir, xmlLog));
            results.print(out);
            out.println("JUnit XML reports: " + options.reportsDir.toAbsolutePath());
            if (results.ran() == 0) {
                return 2;
            }
            return results.failed() == 0 ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previousLoader);
            if (previousProviders == null) {
                System.clearProperty(ContractSuite.PROVIDERS_PROPERTY);
            } else {
                System.setProperty(ContractSuite.PROVIDERS_PROPERTY, previousProviders);
            }
        }
    }

    private static final class Options {
        final List<URL> classPath = new ArrayList<>();
        Path reportsDir = Path.of("tck-reports");
        String providers;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--class-path", "-cp" -> {
                        for (String entry : value(args, ++i, arg).split(File.pathSeparator)) {
                            if (!entry.isBlank()) {
                                options.classPath.add(url(entry));
                            }
                        }
                    }
                    case "--reports-dir" -> options.reportsDir = Path.of(value(args, ++i, arg));
                    case "--providers" -> options.providers = value(args, ++i, arg);
                    case "--help", "-h" -> options.help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return options;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static URL url(String entry) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("class path entry '" + entry + "' does not exist");
            }
            try {
                return path.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("class path entry '" + entry + "' is not a valid path", e);
            }
        }
    }

    /** Collects one outcome per (rule, provider) from the test events. */
    static final class Results implements TestExecutionListener {
        /** An outcome of one rule for one provider. */
        record Outcome(String status, String reason) {
        }

        private final Map<String, String> providerOf = new ConcurrentHashMap<>();
        private final Map<String, Map<Rule, Outcome>> byProvider = new ConcurrentHashMap<>();
        private final List<String> containerFailures = new ArrayList<>();
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            String provider = entry.getKeyValuePairs().get(TckExtension.PROVIDER_ENTRY);
            if (provider != null) {
                providerOf.put(test.getUniqueId(), provider);
            }
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                record(test, new Outcome("skipped", reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            String reason = result.getThrowable().map(TckRunner::firstLines).orElse("");
            if (!test.isTest()) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    synchronized (containerFailures) {
                        containerFailures.add(test.getDisplayName() + ": " + reason);
                    }
                }
                return;
            }
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "passed";
                case ABORTED -> "skipped";
                case FAILED -> "FAILED";
            };
            record(test, new Outcome(status, reason));
        }

        private void record(TestIdentifier test, Outcome outcome) {
            Optional<Rule> rule = Rule.fromDisplayName(test.getDisplayName());
            if (rule.isEmpty()) {
                return;
            }
            String provider = providerOf.getOrDefault(test.getUniqueId(), parentName(test));
            byProvider.computeIfAbsent(provider, key -> new ConcurrentHashMap<>()).put(rule.get(), outcome);
        }

        private String parentName(TestIdentifier test) {
            if (plan == null) {
                return "?";
            }
            return plan.getParent(test).map(TestIdentifier::getDisplayName).orElse("?");
        }

        int ran() {
            return byProvider.values().stream().mapToInt(Map::size).sum();
        }

        int failed() {
            return count("FAILED") + containerFailures.size();
        }

        private int count(String status) {
            return (int) byProvider.values().stream().flatMap(outcomes -> outcomes.values().stream())
                    .filter(outcome -> outcome.status.equals(status)).count();
        }

        void print(PrintStream out) {
            List<String> providers = new ArrayList<>(new TreeSet<>(byProvider.keySet()));
            int width = 6;
            for (String provider : providers) {
                width = Math.max(width, provider.length());
            }
            int titleWidth = 58;
            StringBuilder header = new StringBuilder(String.format("%-6s %-6s %-" + titleWidth + "s", "rule", "level",
                    "title"));
            for (String provider : providers) {
                header.append(" | ").append(String.format("%-" + width + "s", provider));
            }
            out.println(header);
            out.println("-".repeat(header.length()));
            for (Rule rule : Rule.values()) {
                StringBuilder row = new StringBuilder(String.format("%-6s %-6s %-" + titleWidth + "s", rule.id(),
                        rule.level(), shorten(rule.title(), titleWidth)));
                for (String provider : providers) {
                    Outcome outcome = byProvider.get(provider).get(rule);
                    row.append(" | ").append(String.format("%-" + width + "s", outcome == null ? "-" : outcome.status));
                }
                out.println(row);
            }
            Map<String, List<String>> sections = new LinkedHashMap<>();
            sections.put("FAILED", new ArrayList<>());
            sections.put("skipped", new ArrayList<>());
            for (String provider : providers) {
                for (Rule rule : Rule.values()) {
                    Outcome outcome = byProvider.get(provider).get(rule);
                    if (outcome != null && sections.containsKey(outcome.status)) {
                        sections.get(outcome.status).add(provider + " " + rule.id() + ": "
                                + outcome.reason.replace("\n", "\n      "));
                    }
                }
            }
            if (!sections.get("FAILED").isEmpty() || !containerFailures.isEmpty()) {
                out.println();
                out.println("Failures:");
                containerFailures.forEach(failure -> out.println("  " + failure.replace("\n", "\n      ")));
                sections.get("FAILED").forEach(failure -> out.println("  " + failure));
            }
            if (!sections.get("skipped").isEmpty()) {
                out.println();
                out.println("Skipped:");
                sections.get("skipped").forEach(skip -> out.println("  " + skip));
            }
            out.println();
            out.println(count("passed") + " passed, " + failed() + " failed, " + count("skipped") + " skipped");
        }

        private static String shorten(String text, int width) {
            return text.length() <= width ? text : text.substring(0, width - 1) + "…";
        }
    }

    /** The message's first lines: enough to say what failed without WireMock's full report. */
    static String firstLines(Throwable error) {
        String message = String.valueOf(error.getMessage());
        String[] lines = message.split("\\R");
        int keep = Math.min(lines.length, 12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < keep; i++) {
            text.append(i == 0 ? "" : "\n").append(lines[i]);
        }
        if (keep < lines.length) {
            text.append("\n… (").append(lines.length - keep).append(" more lines in the JUnit XML report)");
        }
        return text.toString();
    }
}
