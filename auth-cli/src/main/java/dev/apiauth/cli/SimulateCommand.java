package dev.apiauth.cli;

import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.simulator.VendorSimulator;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code authctl simulate}: starts the offline vendor simulators on loopback and writes one
 * settings file per provider, so {@code authctl token <id> --settings-file …} and
 * {@code authctl request …} work against them; runs until Ctrl-C.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Start offline simulators of the five vendors on 127.0.0.1, print their base URLs and write"
                + " one settings file per provider (<dir>/<id>.properties), so that `authctl token <id>"
                + " --settings-file <dir>/<id>.properties` and `authctl request <id> <api url> --settings-file …`"
                + " work without an account or internet. Runs until Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped with Ctrl-C", "1:the settings files could not be written",
                "2:usage error"})
final class SimulateCommand extends BaseCommand {
    /** How long Ctrl-C waits for the simulators to close before the JVM goes on exiting. */
    private static final long STOP_WAIT_SECONDS = 10;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "apiauth-sim",
            description = "Directory for the settings files (created; existing files are replaced)."
                    + " Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--providers", paramLabel = "ID", split = ",",
            description = "Write settings for these providers only (comma separated). Default: every simulated"
                    + " vendor.")
    List<String> only = new ArrayList<>();

    @Option(names = "--json", description = "Print the URLs and settings files as one JSON document.")
    boolean json;

    @Override
    protected int run() throws IOException, InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C runs shutdown hooks: this one wakes the command and waits until it closed the simulators.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "authctl-simulate-stop");
        try {
            try (VendorSimulator vendors = VendorSimulator.start()) {
                List<Simulated> simulated = write(vendors, selected(vendors));
                print(vendors.baseUri(), simulated);
                root.shutdownHooks().add(hook);
                try {
                    stop.await();
                } finally {
                    root.shutdownHooks().remove(hook);
                }
            }
            progress(json, "Vendor simulators stopped.");
            return ExitCodes.OK;
        } finally {
            stopped.countDown();
        }
    }

    /** One provider's simulation as printed. */
    private record Simulated(String id, URI baseUrl, URI apiUrl, Path settingsFile) {
    }

    private List<String> selected(VendorSimulator vendors) {
        if (only.isEmpty()) {
            return List.copyOf(vendors.providerIds());
        }
        for (String id : only) {
            if (!vendors.providerIds().contains(id)) {
                throw new CliException(ExitCodes.USAGE, "no simulated vendor '" + id + "'; the simulators are "
                        + vendors.providerIds());
            }
        }
        return List.copyOf(new LinkedHashSet<>(only));
    }

    private List<Simulated> write(VendorSimulator vendors, List<String> ids) {
        List<Simulated> simulated = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String id : ids) {
                Path file = dir.resolve(id + ".properties");
                URI api = vendors.apiUri(id);
                Properties settings = new Properties();
                settings.putAll(vendors.settingsFor(id));
                // The simulator's demo account is no secret, but the file is a settings file like any
                // other: created readable by its owner only, before anything is written to it.
                Files.deleteIfExists(file);
                ownerOnly(file);
                try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    settings.store(writer, "Settings for " + id + " against the vendor simulator at "
                            + vendors.baseUri() + " (authctl simulate)\n"
                            + "authctl token " + id + " --settings-file " + file + "\n"
                            + "authctl request " + id + " " + api + " --settings-file " + file);
                }
                simulated.add(new Simulated(id, URI.create(vendors.baseUri() + "/" + id), api, file));
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write the settings files in " + dir + ": " + e, e);
        }
        return simulated;
    }

    private static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private void print(URI baseUri, List<Simulated> simulated) {
        if (json) {
            List<Object> vendors = new ArrayList<>();
            for (Simulated one : simulated) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("provider", one.id());
                view.put("baseUrl", one.baseUrl().toString());
                view.put("apiUrl", one.apiUrl().toString());
                view.put("settingsFile", one.settingsFile().toAbsolutePath().toString());
                vendors.add(view);
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("baseUrl", baseUri.toString());
            view.put("vendors", vendors);
            out().println(JacksonJson.INSTANCE.write(view));
            out().flush();
            return;
        }
        out().println("Vendor simulators listening on " + baseUri + " (no account, no internet).");
        out().println();
        Table table = new Table("PROVIDER", "BASE URL", "API (GET, under the base URL)");
        simulated.forEach(one -> table.row(one.id(), one.baseUrl(),
                one.baseUrl().relativize(one.apiUrl()).toString()));
        table.print(out(), root.terminalWidth());
        out().println();
        out().println("Settings files: " + dir.resolve("<provider>.properties") + " (one per provider)");
        out().println();
        // Domo's answers (a JWT, a user list) make the best first look; any provider will do.
        Simulated example = simulated.stream().filter(one -> one.id().equals("domo")).findFirst()
                .orElse(simulated.get(0));
        out().println("Try:");
        out().println("  authctl token " + example.id() + " --settings-file " + example.settingsFile());
        out().println("  authctl request " + example.id() + " " + example.apiUrl() + " --settings-file "
                + example.settingsFile());
        out().println();
        out().println("Press Ctrl-C to stop.");
        out().flush();
    }
}
