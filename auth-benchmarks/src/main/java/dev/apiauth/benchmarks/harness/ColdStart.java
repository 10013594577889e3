package dev.apiauth.benchmarks.harness;

import dev.apiauth.benchmarks.GoogleAuth;
import dev.apiauth.benchmarks.Schedule;
import dev.apiauth.benchmarks.SpringSecurity;
import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.internal.JacksonJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.LoggerFactory;

/**
 * One fresh JVM's first token: for apiauth, discovering the five providers with
 * {@link AuthProviders#discover()} and the first {@code headers()} of a Domo account pointed at the
 * loopback endpoint; for the peers, building their client and the first token. Prints one line,
 * {@code cold-start <library> discovery_ns=… built_ns=… first_token_ns=… cpu_ns=…} (each from the
 * start of {@code main}; {@code built} is when apiauth's {@code Credentials} exist, before the first
 * token request; {@code cpu} is the CPU time the main thread spent on the way to the token, which a
 * busy machine delays but does not inflate), which {@link ColdStartHarness} reads.
 * Run by the harness as a separate process; not meant to be called in a JVM that is already warm.
 *
 * <p>An optional third argument, {@code --preload=slf4j,jackson,http} (any of them),
 * runs those components once before timing starts, so {@link ColdStartBreakdown} can attribute the
 * first token's time to them by elimination (see {@link Preload}).
 */
public final class ColdStart {
    static final Set<String> FIVE_PROVIDERS = Set.of("doo", "docplanner", "domo", "docoon", "dotypos");
    static final String PRELOAD = "--preload=";
    private static final String USAGE = "usage: ColdStart apiauth|google-auth|spring-security <token-uri>"
            + " [" + PRELOAD + "<comma list of " + Preload.names() + ">]";

    /** What {@code --preload} can run before timing starts, each a cost apiauth's first token otherwise pays. */
    enum Preload {
        /** SLF4J's first {@code LoggerFactory.getLogger}: provider lookup and the binding's initialisation. */
        SLF4J,
        /** The engine's Jackson {@code JsonFactory} and its first parse of a small object. */
        JACKSON,
        /**
         * One POST to the token URI with the JDK's {@code HttpURLConnection}, the body read: the first
         * exchange of the engine's direct token transport.
         */
        HTTP;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String names() {
            return Arrays.stream(values()).map(Preload::id).collect(Collectors.joining(", "));
        }

        /**
         * The components of a {@code --preload=a,b} argument.
         *
         * @throws IllegalArgumentException naming an unknown or empty component, or an argument that is not {@code --preload=}
         */
        static Set<Preload> parse(String argument) {
            if (!argument.startsWith(PRELOAD)) {
                throw new IllegalArgumentException("unexpected argument '" + argument + "'; " + USAGE);
            }
            Set<Preload> components = EnumSet.noneOf(Preload.class);
            for (String name : argument.substring(PRELOAD.length()).split(",", -1)) {
                Preload found = Arrays.stream(values()).filter(value -> value.id().equals(name.strip())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(name.isBlank()
                                ? "empty component in '" + argument + "'; --preload takes a comma list of " + names()
                                : "unknown --preload component '" + name.strip() + "'; --preload takes a comma list of "
                                        + names()));
                components.add(found);
            }
            return components;
        }
    }

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 3) {
            throw new IllegalArgumentException(USAGE);
        }
        String library = args[0];
        URI tokenUri = URI.create(args[1]);
        Set<Preload> preload = args.length == 3 ? Preload.parse(args[2]) : Set.of();
        // Against a real (https) endpoint every library pays for the JDK's TLS set-up; HttpClient 5 does it
        // even for this plain-http loopback endpoint, the JDK's HttpURLConnection does not. Done before
        // timing, so all three are compared on their own work.
        SSLContext.getDefault();
        preload(preload, tokenUri);
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

    /** Runs the components in a fixed order (as listed in {@link Preload}), whatever order they were given in. */
    static void preload(Set<Preload> components, URI tokenUri) throws IOException {
        if (components.contains(Preload.SLF4J)) {
            LoggerFactory.getLogger(ColdStart.class).debug("preloaded");
        }
        if (components.contains(Preload.JACKSON)) {
            JacksonJson.INSTANCE.parse("{\"access_token\":\"preload\",\"expires_in\":3600,\"scope\":[\"a\"]}");
        }
        if (components.contains(Preload.HTTP)) {
            // The loopback endpoint answers any POST to /token with a token (and counts it).
            HttpURLConnection connection = (HttpURLConnection) tokenUri.toURL().openConnection(Proxy.NO_PROXY);
            try {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write("grant_type=client_credentials".getBytes(StandardCharsets.UTF_8));
                }
                // Read to the end but not closed: disconnect() then closes the socket, where closing the stream
                // would park it in the JDK's keep-alive cache for the timed token request to reuse, sparing that
                // request the connect a fresh JVM pays.
                String body = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!body.contains("access_token")) {
                    throw new IllegalStateException("the preload exchange with " + tokenUri + " got no token");
                }
            } finally {
                connection.disconnect();
            }
        }
    }
}
