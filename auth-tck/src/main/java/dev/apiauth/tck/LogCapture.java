package dev.apiauth.tck;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a provider could log while a rule runs: everything written to {@code System.out}
 * and {@code System.err} (where slf4j-simple and most console loggers write) and every
 * {@code java.util.logging} / {@code System.Logger} record at any level. Output still reaches the
 * console. Logging frameworks with their own appenders are not seen; R10.3 says so in its hint.
 */
final class LogCapture implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> records = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level originalLevel = root.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " "
                    + record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(" | ").append(parameter);
                }
            }
            if (record.getThrown() != null) {
                line.append(" | ").append(record.getThrown());
            }
            synchronized (records) {
                records.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /** Every captured line so far. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        synchronized (captured) {
            for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        synchronized (records) {
            lines.addAll(records);
        }
        return lines;
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        root.removeHandler(handler);
        root.setLevel(originalLevel);
    }

    private final class Tee extends OutputStream {
        private final OutputStream console;

        Tee(OutputStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) {
            synchronized (captured) {
                captured.write(b);
            }
            try {
                console.write(b);
            } catch (java.io.IOException ignored) {
                // the console is best effort; the capture is what the rule checks
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (captured) {
                captured.write(bytes, offset, length);
            }
            try {
                console.write(bytes, offset, length);
            } catch (java.io.IOException ignored) {
                // as above
            }
        }

        @Override
        public void flush() {
            try {
                console.flush();
            } catch (java.io.IOException ignored) {
                // as above
            }
        }
    }
}
