package dev.apiauth.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the harness mains. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    Duration millis(String name, long fallback) {
        return Duration.ofMillis(integer(name, (int) fallback));
    }

    Duration seconds(String name, long fallback) {
        return Duration.ofSeconds(integer(name, (int) fallback));
    }

    Path path(String name, String fallback) {
        return Path.of(text(name, fallback));
    }
}
