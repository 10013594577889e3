package dev.apiauth.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options of the harness mains, and {@code --name} flags where a main declares them. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    /** @param flags the names (without {@code --}) that take no value */
    Args(String[] args, String... flags) {
        Set<String> flagNames = Set.of(flags);
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && flagNames.contains(name)) {
                values.put(name, "true");
                continue;
            }
            if (name == null || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs" + (flags.length == 0 ? ""
                        : " or the flags --" + String.join(", --", flags)) + ", got '" + args[i] + "'");
            }
            values.put(name, args[++i]);
        }
    }

    /** Whether the flag {@code --name} was given. */
    boolean flag(String name) {
        return values.containsKey(name);
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
