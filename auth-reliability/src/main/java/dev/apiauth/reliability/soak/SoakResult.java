package dev.apiauth.reliability.soak;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The figures of one soak run, measured over the run after its warm-up.
 *
 * @param requests API requests the callers made (after warm-up)
 * @param succeeded of those, answered 200
 * @param authorizationFailures of those, a 401 or 403 that reached the caller
 * @param otherFailures any other status that reached the caller
 * @param exceptions requests that threw (I/O, or an {@code AuthException} from the handler)
 * @param tokenRequests token requests the server received
 * @param rejectedByServer 401s the server sent (each retried by the handler with a new token)
 * @param elapsed run time
 * @param tokenLifetime lifetime of each token
 * @param threadsStart live threads after warm-up
 * @param threadsEnd live threads at the end, before shutdown
 * @param heapStart used heap after GC, after warm-up
 * @param heapEnd used heap after GC at the end
 * @param newThreads names of threads alive at the end that were not at the start
 */
public record SoakResult(long requests, long succeeded, long authorizationFailures, long otherFailures,
        long exceptions, long tokenRequests, long rejectedByServer, Duration elapsed, Duration tokenLifetime,
        int threadsStart, int threadsEnd, long heapStart, long heapEnd, List<String> newThreads) {

    /** Token requests a perfect client would make: run time / token lifetime. */
    public double idealTokenRequests() {
        return (double) elapsed.toMillis() / tokenLifetime.toMillis();
    }

    /** Token requests made per ideal one (the engine refreshes ~20 % of the lifetime early, so ≈ 1.25). */
    public double tokenRequestRatio() {
        return tokenRequests / Math.max(1.0, idealTokenRequests());
    }

    public double requestsPerSecond() {
        return requests * 1000.0 / Math.max(1, elapsed.toMillis());
    }

    /** The figures as properties, for a parent process to read back. */
    public String toProperties() {
        Properties properties = new Properties();
        properties.setProperty("requests", Long.toString(requests));
        properties.setProperty("succeeded", Long.toString(succeeded));
        properties.setProperty("authorizationFailures", Long.toString(authorizationFailures));
        properties.setProperty("otherFailures", Long.toString(otherFailures));
        properties.setProperty("exceptions", Long.toString(exceptions));
        properties.setProperty("tokenRequests", Long.toString(tokenRequests));
        properties.setProperty("rejectedByServer", Long.toString(rejectedByServer));
        properties.setProperty("elapsedMillis", Long.toString(elapsed.toMillis()));
        properties.setProperty("tokenLifetimeMillis", Long.toString(tokenLifetime.toMillis()));
        properties.setProperty("threadsStart", Integer.toString(threadsStart));
        properties.setProperty("threadsEnd", Integer.toString(threadsEnd));
        properties.setProperty("heapStart", Long.toString(heapStart));
        properties.setProperty("heapEnd", Long.toString(heapEnd));
        properties.setProperty("newThreads", String.join(",", newThreads));
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "soak result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads {@link #toProperties()} back. */
    public static SoakResult fromProperties(String text) {
        Properties properties = new Properties();
        try (Reader in = new StringReader(text)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String threads = properties.getProperty("newThreads", "");
        return new SoakResult(number(properties, "requests"), number(properties, "succeeded"),
                number(properties, "authorizationFailures"), number(properties, "otherFailures"),
                number(properties, "exceptions"), number(properties, "tokenRequests"),
                number(properties, "rejectedByServer"), Duration.ofMillis(number(properties, "elapsedMillis")),
                Duration.ofMillis(number(properties, "tokenLifetimeMillis")), (int) number(properties, "threadsStart"),
                (int) number(properties, "threadsEnd"), number(properties, "heapStart"), number(properties, "heapEnd"),
                threads.isEmpty() ? List.of() : Arrays.asList(threads.split(",")));
    }

    private static long number(Properties properties, String name) {
        return Long.parseLong(properties.getProperty(name));
    }

    /** A Markdown table of the figures. */
    public String markdown(String command) {
        return "| figure | value |\n|---|---|\n"
                + "| requests (8 threads, after warm-up) | " + requests + " |\n"
                + "| answered 200 | " + succeeded + " |\n"
                + "| **authorization failures reaching the caller** | **" + authorizationFailures + "** |\n"
                + "| other failures / exceptions reaching the caller | " + otherFailures + " / " + exceptions + " |\n"
                + "| run time | " + String.format("%.1f s (%.0f requests/s)", elapsed.toMillis() / 1000.0,
                        requestsPerSecond()) + " |\n"
                + "| token lifetime | " + tokenLifetime.toMillis() + " ms |\n"
                + "| token requests | " + tokenRequests + String.format(" (run time / lifetime = %.0f; ratio %.2f)",
                        idealTokenRequests(), tokenRequestRatio()) + " |\n"
                + "| 401s sent by the server (each retried once by the handler) | " + rejectedByServer + " |\n"
                + "| live threads after warm-up → at the end | " + threadsStart + " → " + threadsEnd
                + (newThreads.isEmpty() ? "" : " (new: " + String.join(", ", newThreads) + ")") + " |\n"
                + "| used heap after GC, after warm-up → at the end | " + mib(heapStart) + " → " + mib(heapEnd) + " |\n"
                + "\nCommand: `" + command + "`\n";
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
