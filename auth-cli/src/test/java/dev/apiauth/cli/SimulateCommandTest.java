package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authctl simulate} run in-process: the test receives the shutdown hook the command
 * registers and runs it, as the JVM does on Ctrl-C.
 */
class SimulateCommandTest {
    private static final List<String> VENDORS = List.of("doo", "docplanner", "domo", "docoon", "dotypos");

    @TempDir
    Path home;

    private final RecordingHooks hooks = new RecordingHooks();
    private CompletableFuture<Cli.Result> simulate;

    /** Starts {@code authctl simulate args…} in the background and waits until it registered its hook. */
    private Thread simulate(String... args) throws InterruptedException {
        simulate = CompletableFuture.supplyAsync(() -> Cli.in(home).withShutdownHooks(hooks).run(args));
        Thread hook = hooks.added.poll(60, TimeUnit.SECONDS);
        assertThat(hook).as("the hook simulate registers once it is ready; %s", simulate).isNotNull();
        return hook;
    }

    /** Plays Ctrl-C: runs the hook as the JVM would and waits for the command to end. */
    private Cli.Result stop(Thread hook) throws Exception {
        hook.start();
        hook.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(hook.isAlive()).as("the hook returned").isFalse();
        return simulate.get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void neverLeaveASimulatorRunning() throws Exception {
        if (simulate != null && !simulate.isDone()) {
            Thread hook = hooks.registered();
            if (hook != null && hook.getState() == Thread.State.NEW) {
                stop(hook);
            }
        }
    }

    @Test
    void tokenAndRequestWorkWithTheWrittenSettingsFilesUntilTheHookStopsIt() throws Exception {
        Path dir = home.resolve("sim");
        Thread hook = simulate("simulate", "--dir", dir.toString());

        for (String id : VENDORS) {
            Path file = dir.resolve(id + ".properties");
            Cli.Result token = Cli.in(home).run("token", id, "--settings-file", file.toString(), "--json");
            assertThat(token.status()).as(id + ": " + token).isZero();
            assertThat(token.jsonObject()).containsEntry("provider", id).containsEntry("masked", true);
        }
        Path domo = dir.resolve("domo.properties");
        Cli.Result request = Cli.in(home).run("request", "domo", apiUrl(domo), "--settings-file", domo.toString());
        assertThat(request.status()).as(request.toString()).isZero();
        assertThat(request.out()).startsWith("HTTP 200");

        Cli.Result result = stop(hook);

        assertThat(result.status()).as(result.toString()).isZero();
        URI base = URI.create(result.out().lines().findFirst().orElseThrow()
                .replaceFirst("^Vendor simulators listening on (\\S+) .*$", "$1"));
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        assertThat(result.out()).contains("domo        " + base + "/domo")
                .contains("authctl token domo --settings-file " + dir.resolve("domo.properties"))
                .contains("Press Ctrl-C to stop.");
        assertThat(hooks.removed).containsExactly(hook);
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000);
            }
        }).as("the simulators are closed").isInstanceOf(ConnectException.class);
    }

    @Test
    void writesOneOwnerOnlySettingsFilePerProviderThatNamesItsCommands() throws Exception {
        Path dir = home.resolve("sim");
        Thread hook = simulate("simulate", "--dir", dir.toString());
        try {
            assertThat(dir).isDirectoryContaining("glob:**/domo.properties");
            for (String id : VENDORS) {
                Path file = dir.resolve(id + ".properties");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                assertThat(Files.readString(file)).contains("authctl token " + id + " --settings-file " + file);
            }
            assertThat(properties(dir.resolve("doo.properties"))).containsEntry("pace-requests", "false")
                    .containsKeys("client-id", "client-secret", "api-key");
        } finally {
            stop(hook);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonNamesTheUrlsAndFilesOfTheChosenProviders() throws Exception {
        Path dir = home.resolve("sim");
        Thread hook = simulate("simulate", "--dir", dir.toString(), "--providers", "domo,doo", "--json");
        Cli.Result result = stop(hook);

        assertThat(result.status()).as(result.toString()).isZero();
        List<Map<String, Object>> vendors = (List<Map<String, Object>>) result.jsonObject().get("vendors");
        assertThat(vendors).extracting(vendor -> vendor.get("provider")).containsExactly("domo", "doo");
        assertThat(vendors.get(0)).containsEntry("settingsFile", dir.resolve("domo.properties").toAbsolutePath()
                .toString());
        assertThat((String) vendors.get(0).get("apiUrl")).startsWith(result.jsonObject().get("baseUrl") + "/domo/");
        assertThat(dir.resolve("docoon.properties")).doesNotExist();
    }

    @Test
    void anUnknownProviderIsAUsageErrorAndStartsNothingToStop() {
        Cli.Result result = Cli.in(home).withShutdownHooks(hooks).run("simulate", "--providers", "acme",
                "--dir", home.resolve("sim").toString());

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no simulated vendor 'acme'");
        assertThat(hooks.added).isEmpty();
    }

    private static String apiUrl(Path settingsFile) throws IOException {
        // The file's header names the request command with the vendor's API URL.
        return Files.readAllLines(settingsFile).stream().filter(line -> line.startsWith("#authctl request "))
                .findFirst().orElseThrow().split(" ")[3];
    }

    private static Map<Object, Object> properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** Shutdown hooks kept for the test to run. */
    private static final class RecordingHooks implements AuthCtl.ShutdownHooks {
        final BlockingQueue<Thread> added = new LinkedBlockingQueue<>();
        final List<Thread> removed = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile Thread last;

        @Override
        public void add(Thread hook) {
            last = hook;
            added.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            removed.add(hook);
        }

        Thread registered() {
            return last;
        }
    }
}
