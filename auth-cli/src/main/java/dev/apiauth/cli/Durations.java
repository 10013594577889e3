package dev.apiauth.cli;

import java.time.Duration;

/** Short human forms of durations: {@code 850ms}, {@code 12s}, {@code 59m 58s}, {@code 2h 5m}. */
final class Durations {
    private Durations() {
    }

    static String human(Duration duration) {
        if (duration.isNegative()) {
            return "-" + human(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return millis % 1000 == 0 || seconds >= 10 ? seconds + "s"
                    : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + "m");
        }
        return seconds / 86_400 + "d" + (seconds % 86_400 / 3600 == 0 ? "" : " " + seconds % 86_400 / 3600 + "h");
    }
}
