package dev.apiauth.reliability.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures what slf4j-simple logs (configured at TRACE for apiauth and HttpClient in
 * {@code simplelogger.properties}, writing to {@code System.err}): every line goes to
 * {@code target/reliability/trace.log} for the leak scan and to memory, so a test can check the
 * lines its own case produced. slf4j-simple looks {@code System.err} up on every write, so replacing
 * it here is enough.
 */
public final class LogCapture {
    private static final List<String> LINES = new ArrayList<>();
    private static boolean installed;

    private LogCapture() {
    }

    /** Installs the capture once per JVM (starting the run's files afresh); safe to call from every test class. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        Path file = Reports.dir().resolve("trace.log");
        try {
            // A new test run: what the leak scan reads starts empty.
            for (String name : List.of("texts.log", "issued-tokens.txt")) {
                Files.deleteIfExists(Reports.dir().resolve(name));
            }
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            System.setErr(new PrintStream(new LineSplitter(out), true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        installed = true;
    }

    /** A position in the captured lines. */
    public static synchronized int mark() {
        return LINES.size();
    }

    /** The lines captured since {@code mark}. */
    public static synchronized List<String> since(int mark) {
        return List.copyOf(LINES.subList(Math.min(mark, LINES.size()), LINES.size()));
    }

    /** Lines captured in total. */
    public static synchronized int count() {
        return LINES.size();
    }

    private static synchronized void add(String line) {
        LINES.add(line);
    }

    /** Writes everything to the file and collects complete lines. */
    private static final class LineSplitter extends OutputStream {
        private final OutputStream file;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSplitter(OutputStream file) {
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            file.write(b);
            if (b == '\n') {
                add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            file.flush();
        }
    }
}
