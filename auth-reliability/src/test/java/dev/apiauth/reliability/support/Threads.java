package dev.apiauth.reliability.support;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * "No thread left behind": the threads alive after a case that were not alive before it, less the
 * engine's known shared daemon pools and the test's own servers.
 */
public final class Threads {
    /**
     * The engine's shared daemons ({@code apiauth-timer}, the idle-expiring {@code apiauth-refresh-N}
     * pool), the JDK's own keep-alive daemons behind {@code HttpURLConnection} (they end by themselves
     * once the JDK's connection cache is empty, within seconds), WireMock's Jetty pool ({@code qtp…}) and
     * scheduler, and this module's fault front.
     */
    public static final Pattern ALLOWED = Pattern.compile(
            "apiauth-timer|apiauth-refresh-\\d+|qtp\\d+-\\d+|Scheduler-\\d+.*|Connector-Scheduler-.*|fault-front.*"
                    + "|Keep-Alive-Timer|Keep-Alive-SocketCleaner"
                    + "|WireMock.*|Attach Listener|process reaper|Common-Cleaner|surefire-forkedjvm-.*");

    private Threads() {
    }

    /** The threads alive now. */
    public static Set<Thread> snapshot() {
        return Thread.getAllStackTraces().keySet();
    }

    /**
     * The threads started since {@code before} that are still alive after {@code grace} and not
     * {@link #ALLOWED}, as "name (state)" strings; empty when none was left behind.
     */
    public static List<String> leftBehind(Set<Thread> before, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> extra;
        do {
            extra = snapshot().stream()
                    .filter(thread -> !before.contains(thread))
                    .filter(Thread::isAlive)
                    .filter(thread -> !ALLOWED.matcher(thread.getName()).matches())
                    .sorted(Comparator.comparing(Thread::getName))
                    .toList();
            if (extra.isEmpty()) {
                return List.of();
            }
            Thread.sleep(20); // threads end asynchronously after their sockets close; poll briefly
        } while (System.nanoTime() < deadline);
        return extra.stream().map(thread -> thread.getName() + " (" + thread.getState() + ")")
                .collect(Collectors.toList());
    }
}
