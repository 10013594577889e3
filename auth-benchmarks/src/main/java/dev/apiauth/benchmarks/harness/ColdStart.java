package dev.apiauth.benchmarks.harness;

import dev.apiauth.benchmarks.GoogleAuth;
import dev.apiauth.benchmarks.Schedule;
import dev.apiauth.benchmarks.SpringSecurity;
import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * One fresh JVM's first token: for apiauth, discovering the five providers with
 * {@link AuthProviders#discover()} and the first {@code headers()} of a Domo account pointed at the
 * loopback endpoint; for the peers, building their client and the first token. Prints one line,
 * {@code cold-start <library> discovery_ns=… built_ns=… first_token_ns=… cpu_ns=…} (each from the
 * start of {@code main}; {@code built} is when apiauth's {@code Credentials} exist, before the first
 * token request; {@code cpu} is the CPU time the main thread spent on the way to the token, which a
 * busy machine delays but does not inflate), which {@link ColdStartHarness} reads.
 * Run by the harness as a separate process; not meant to be called in a JVM that is already warm.
 */
public final class ColdStart {
    static final Set<String> FIVE_PROVIDERS = Set.of("doo", "docplanner", "domo", "docoon", "dotypos");

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ColdStart apiauth|google-auth|spring-security <token-uri>");
        }
        String library = args[0];
        URI tokenUri = URI.create(args[1]);
        // Against a real (https) endpoint every library pays for the JDK's TLS set-up; HttpClient 5 does it
        // even for this plain-http loopback endpoint, the JDK's HttpURLConnection does not. Done before
        // timing, so all three are compared on their own work.
        SSLContext.getDefault();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long discovered = started;
        long built = started;
        String authorization;
        switch (library) {
            case "apiauth" -> {
                AuthProviders providers = AuthProviders.discover();
                if (!providers.ids().equals(FIVE_PROVIDERS)) {
                    throw new IllegalStateException("expected the five providers, discovered " + providers.ids());
                }
                discovered = System.nanoTime();
                Credentials domo = providers.credentials("domo", Settings.of(Map.of(
                        "client-id", "benchmark-client", "client-secret", "benchmark-secret",
                        "token-url", tokenUri.toString())));
                built = System.nanoTime();
                authorization = domo.headers().get("Authorization");
            }
            case "google-auth" -> {
                List<String> values = GoogleAuth.credentials(tokenUri, Schedule.libraryDefaults())
                        .getRequestMetadata().get("Authorization");
                authorization = values.get(0);
            }
            case "spring-security" -> authorization = "Bearer " + SpringSecurity.create(tokenUri,
                    Schedule.libraryDefaults(), SpringSecurity.Transport.DEFAULT).authorize().getAccessToken().getTokenValue();
            default -> throw new IllegalArgumentException("unknown library " + library);
        }
        long done = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime() - cpuStarted;
        if (authorization == null || !authorization.startsWith("Bearer loopback-token-")) {
            throw new IllegalStateException(library + " produced no loopback token");
        }
        System.out.println("cold-start " + library + " discovery_ns=" + (discovered - started)
                + " built_ns=" + (built - started) + " first_token_ns=" + (done - started) + " cpu_ns=" + cpu);
        System.exit(0);
    }
}
