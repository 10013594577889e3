package dev.apiauth.reliability.store;

import dev.apiauth.core.store.FileSecretStore;
import dev.apiauth.spi.Secret;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves ever newer values under one key of a {@link FileSecretStore} until it is killed, printing
 * each number once its save has returned. The crash-safe store test kills it with SIGKILL at a
 * random moment and checks what the store then holds.
 *
 * <pre>
 * java -cp … dev.apiauth.reliability.store.StoreWriter &lt;directory&gt; &lt;key&gt; &lt;first number&gt;
 * </pre>
 */
public final class StoreWriter {
    /** Size of each value: a few KB, so a torn write would be visible. */
    public static final int VALUE_LENGTH = 4096;
    /** The start of every value, so a leak scan can spot one. */
    public static final String VALUE_PREFIX = "rel-store-value-";
    private static final Pattern VALUE = Pattern.compile(Pattern.quote(VALUE_PREFIX) + "(\\d+)\\|x+\\|end-(\\d+)");

    private StoreWriter() {
    }

    public static void main(String[] args) {
        FileSecretStore store = new FileSecretStore(Path.of(args[0]));
        String key = args[1];
        for (long n = Long.parseLong(args[2]); ; n++) {
            store.save(key, Secret.of(value(n)));
            System.out.println(n);
            System.out.flush();
        }
    }

    /** The recognisable value number {@code n}: {@code rel-store-value-<n>|xxx…|end-<n>}, {@link #VALUE_LENGTH} long. */
    public static String value(long n) {
        String head = VALUE_PREFIX + n + "|";
        String tail = "|end-" + n;
        return head + "x".repeat(VALUE_LENGTH - head.length() - tail.length()) + tail;
    }

    /** The number of a whole value, or -1 when {@code text} is not exactly one (torn, empty, mixed). */
    public static long numberOf(String text) {
        Matcher matcher = VALUE.matcher(text);
        if (!matcher.matches() || !matcher.group(1).equals(matcher.group(2))) {
            return -1;
        }
        long n = Long.parseLong(matcher.group(1));
        return text.equals(value(n)) ? n : -1;
    }
}
