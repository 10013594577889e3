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
 * path, prints a rule × provider table of passed, FAILED, warning (a SHOULD rule not met), untested
 * and skipped rules with the reasons, and writes JUnit XML reports (where warnings and untested
 * rules are skipped test cases with their reason).
 *
 * <pre>
 * java -jar auth-tck-runner.jar --class-path my-provider.jar:my-provider-fixtures.jar [--reports-dir tck-reports]
 *      [--providers domo,doo]
 * </pre>
 *
 * Exit status: 0 when no rule failed (warnings do not count), 1 when one did, 2 for a usage error or
 * when nothing ran.
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
                case ABORTED -> TckExtension.isWarning(reason) ? "warning"
                        : reason.startsWith(Checks.UNTESTED) ? "untested" : "skipped";
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
            int width = 8;
            for (String provider : providers) {
                width = Math.max(width, provider.length());
            }
            int titleWidth = 58;
            StringBuilder header = new StringBuilder(String.format("%-6s %-8s %-" + titleWidth + "s", "rule", "level",
                    "title"));
            for (String provider : providers) {
                header.append(" | ").append(String.format("%-" + width + "s", provider));
            }
            out.println(header);
            out.println("-".repeat(header.length()));
            for (Rule rule : Rule.values()) {
                StringBuilder row = new StringBuilder(String.format("%-6s %-8s %-" + titleWidth + "s", rule.id(),
                        rule.level(), shorten(rule.title(), titleWidth)));
                for (String provider : providers) {
                    Outcome outcome = byProvider.get(provider).get(rule);
                    row.append(" | ").append(String.format("%-" + width + "s", outcome == null ? "-" : outcome.status));
                }
                out.println(row);
            }
            Map<String, List<String>> sections = new LinkedHashMap<>();
            sections.put("FAILED", new ArrayList<>());
            sections.put("warning", new ArrayList<>());
            sections.put("untested", new ArrayList<>());
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
            printSection(out, "Warnings (SHOULD rules not met; they do not fail the run):", sections.get("warning"));
            printSection(out, "Untested (part of the contract, not checked by the TCK; review by hand):",
                    sections.get("untested"));
            printSection(out, "Skipped:", sections.get("skipped"));
            out.println();
            out.println(count("passed") + " passed, " + failed() + " failed, " + count("warning") + " warnings, "
                    + count("untested") + " untested, " + count("skipped") + " skipped");
        }

        private static void printSection(PrintStream out, String heading, List<String> entries) {
            if (!entries.isEmpty()) {
                out.println();
                out.println(heading);
                entries.forEach(entry -> out.println("  " + entry));
            }
        }

        private static String shorten(String text, int width) {
            return text.length() <= width ? text : text.substring(0, width - 1) + "…";
        }
    }

    /** How many of a message's first lines the excerpt always keeps. */
    static final int EXCERPT_LINES = 12;

    /**
     * An excerpt of the message: its first lines, then the near-miss lines that differ (the
     * {@link CredentialDiff#DIFFERING} section, or WireMock's lines marked {@code <<<<<}), where
     * redacted credentials differ, and the closing hint, each once; enough to say what failed
     * without the full report, which the JUnit XML keeps.
     */
    static String firstLines(Throwable error) {
        String[] lines = String.valueOf(error.getMessage()).split("\\R");
        List<String> kept = new ArrayList<>();
        java.util.Set<String> later = new java.util.LinkedHashSet<>();
        boolean cut = false;
        boolean inSection = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            inSection = line.startsWith(CredentialDiff.HEADING) || line.startsWith(CredentialDiff.DIFFERING)
                    || (inSection && line.startsWith(CredentialDiff.ITEM));
            if (i < EXCERPT_LINES) {
                kept.add(line);
            } else if (line.contains("<<<<<") || inSection || line.startsWith("If this fails, check: ")) {
                later.add(line);
            } else {
                cut = true;
            }
        }
        kept.addAll(later);
        if (cut) {
            kept.add("… (the whole message is in the JUnit XML report)");
        }
        return String.join("\n", kept);
    }
}
