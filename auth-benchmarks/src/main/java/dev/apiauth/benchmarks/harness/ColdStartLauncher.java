package dev.apiauth.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Launches {@link ColdStart} as fresh JVMs with this JVM's {@code java} and class path, and reads the
 * line it prints: the machinery {@link ColdStartHarness} and {@link ColdStartBreakdown} share.
 * Variants are interleaved round by round so a busy moment of the machine hits all of them alike.
 */
final class ColdStartLauncher {
    private static final Pattern LINE = Pattern.compile(
            "cold-start (\\S+) discovery_ns=(\\d+) built_ns=(\\d+) first_token_ns=(\\d+) cpu_ns=(\\d+)");
    private static final int KEPT_OUTPUT_LINES = 20;

    /**
     * One process's figures in nanoseconds: discovery, credentials built and first token (from the
     * start of {@code main}), launch-to-token wall time and the main thread's CPU time to the token.
     */
    record Sample(long discoveryNanos, long builtNanos, long firstTokenNanos, long launchToTokenNanos, long cpuNanos) {
    }

    /**
     * One kind of process: {@code name} keys its samples, {@code jvmOptions} go before the class path,
     * {@code preload} is {@code ColdStart}'s {@code --preload} list (empty for none).
     */
    record Variant(String name, String library, List<String> jvmOptions, List<String> preload) {
        Variant {
            jvmOptions = List.copyOf(jvmOptions);
            preload = List.copyOf(preload);
        }

        static Variant plain(String library) {
            return new Variant(library, library, List.of(), List.of());
        }
    }

    private final String java;
    private final String classPath;
    private final List<String> baseOptions;

    /**
     * @param baseOptions JVM options every launched process gets before the variant's own (tests use
     *     this to stand in for a JVM that behaves differently)
     */
    ColdStartLauncher(String java, String classPath, List<String> baseOptions) {
        this.java = java;
        this.classPath = classPath;
        this.baseOptions = List.copyOf(baseOptions);
    }

    /** This JVM's {@code java} and class path, no extra options. */
    static ColdStartLauncher ofThisJvm() {
        return new ColdStartLauncher(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), List.of());
    }

    /** The {@code java} executable the processes run on. */
    String java() {
        return java;
    }

    /** The command line of one process of {@code variant}. */
    List<String> command(Variant variant, URI tokenUri) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(baseOptions);
        command.addAll(variant.jvmOptions());
        command.add("-cp");
        command.add(classPath);
        command.add(ColdStart.class.getName());
        command.add(variant.library());
        command.add(tokenUri.toString());
        if (!variant.preload().isEmpty()) {
            command.add(ColdStart.PRELOAD + String.join(",", variant.preload()));
        }
        return command;
    }

    /** {@code runs} rounds, each launching every variant once in order; samples by variant name, in that order. */
    Map<String, List<Sample>> interleave(int runs, List<Variant> variants, URI tokenUri) throws IOException,
            InterruptedException {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (Variant variant : variants) {
            if (samples.put(variant.name(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException("two variants are named " + variant.name());
            }
        }
        for (int run = 0; run < runs; run++) {
            for (Variant variant : variants) {
                samples.get(variant.name()).add(launch(variant, tokenUri));
            }
        }
        return samples;
    }

    /** Runs one process of {@code variant} to its end and returns its figures. */
    Sample launch(Variant variant, URI tokenUri) throws IOException, InterruptedException {
        List<String> command = command(variant, tokenUri);
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Sample sample = null;
        Deque<String> other = new ArrayDeque<>();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // Read to the end even after the result: a JVM writing an archive at exit may still log, and
            // a full pipe would block it.
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher matcher = LINE.matcher(line);
                if (sample == null && matcher.matches()) {
                    long printed = System.nanoTime();
                    sample = new Sample(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                            Long.parseLong(matcher.group(4)), printed - launched, Long.parseLong(matcher.group(5)));
                } else {
                    other.addLast(line);
                    if (other.size() > KEPT_OUTPUT_LINES) {
                        other.removeFirst();
                    }
                }
            }
        } finally {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (sample == null || process.exitValue() != 0) {
            throw new IllegalStateException(variant.name() + " cold start " + (sample == null ? "printed no result"
                    : "failed after its result") + " (exit " + process.exitValue() + ") on " + describeJvm()
                    + (other.isEmpty() ? "" : "; its output ended with: " + String.join(" | ", other)));
        }
        return sample;
    }

    /**
     * Runs {@code library} once with {@code -XX:ArchiveClassesAtExit=archive} (a dynamic AppCDS archive of
     * the classes that run loaded) and checks that the same JVM and class path can map it. The run's own
     * figures are discarded.
     *
     * @throws IllegalStateException naming the JVM when it wrote no usable archive
     */
    void train(String library, Path archive, URI tokenUri) throws IOException, InterruptedException {
        Files.createDirectories(archive.toAbsolutePath().getParent());
        Files.deleteIfExists(archive);
        String cannot = "the JVM " + describeJvm() + " cannot write a dynamic class-data-sharing archive (it needs"
                + " JDK 13 or later with its default CDS archive, and a class path of jars only); run the harness without"
                + " --cds, or with such a JVM and class path";
        try {
            launch(new Variant(library + " (CDS training)", library, List.of("-XX:ArchiveClassesAtExit=" + archive),
                    List.of()), tokenUri);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(cannot + ". The training run failed: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException(cannot + ". The training run of " + library + " wrote no archive at " + archive);
        }
        // -Xshare:on turns "archive not usable" (wrong class path, another JVM) from a silent fallback into an error.
        List<String> check = new ArrayList<>(List.of(java));
        check.addAll(baseOptions);
        check.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", classPath, "-version"));
        Process process = new ProcessBuilder(check).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the JVM " + describeJvm() + " wrote " + archive + " but cannot use it with"
                    + " this class path: " + output.replace('\n', ' '));
        }
    }

    /** The archive file of {@code library} in {@code directory}. */
    static Path archive(Path directory, String library) {
        return directory.resolve(library + ".jsa");
    }

    private String describeJvm() {
        return java + " (" + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + (baseOptions.isEmpty() ? "" : ", options " + String.join(" ", baseOptions)) + ")";
    }
}
