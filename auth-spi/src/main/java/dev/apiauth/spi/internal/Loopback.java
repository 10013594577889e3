package dev.apiauth.spi.internal;

import dev.apiauth.spi.Api;
import java.util.Locale;

/** Which hosts count as loopback, where plain {@code http} is allowed (tests, simulators, sidecars). */
@Api(status = Api.Status.INTERNAL)
public final class Loopback {
    private Loopback() {
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}, without a DNS lookup. */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }
}
