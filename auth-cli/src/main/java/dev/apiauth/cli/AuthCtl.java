package dev.apiauth.cli;

import dev.apiauth.core.AuthProviders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code authctl}: the apiauth command line. Lists and describes the providers on the class path,
 * fetches tokens, makes authorized requests, connects a Dotypos cloud, runs the TCK and runs the
 * offline demo against the vendor simulators.
 *
 * <pre>{@code
 * int status = new CommandLine(new AuthCtl()).execute("token", "domo", "--set", "client-id=…");
 * }</pre>
 *
 * <p>Exit statuses are listed in {@link ExitCodes}. Nothing prints a secret unless asked with
 * {@code --reveal}.
 */
@Command(name = "authctl",
        mixinStandardHelpOptions = true,
        versionProvider = AuthCtl.Version.class,
        description = {"Authenticate to vendor REST APIs from the command line, and try it all offline with"
                + " `authctl demo`."},
        subcommands = {ProvidersCommand.class, DescribeCommand.class, TokenCommand.class, RequestCommand.class,
                ConnectCommand.class, TckCommand.class, DemoCommand.class, SimulateCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILURE_LINE, ExitCodes.USAGE_LINE,
                ExitCodes.INVALID_SETTINGS_LINE, ExitCodes.CREDENTIALS_REJECTED_LINE, ExitCodes.TRANSIENT_LINE,
                ExitCodes.INTERACTION_REQUIRED_LINE, ExitCodes.API_ERROR_LINE})
public final class AuthCtl implements Callable<Integer> {
    private final Map<String, String> environment;
    private final boolean interactive;
    private final Path defaultStoreDir;
    private AuthProviders providers;
    private ShutdownHooks shutdownHooks = ShutdownHooks.RUNTIME;

    @Spec
    CommandSpec spec;

    /** Reads this process's environment; progress is shown when a terminal is attached. */
    public AuthCtl() {
        this(System.getenv(), System.console() != null,
                Path.of(System.getProperty("user.home"), ".apiauth", "secrets"));
    }

    /**
     * An {@code authctl} with the given environment variables (for settings
     * {@code APIAUTH_<PROVIDER>_<SETTING>}), progress output on or off, and default secret store.
     */
    public AuthCtl(Map<String, String> environment, boolean interactive, Path defaultStoreDir) {
        this(environment, interactive, defaultStoreDir, null);
    }

    /** As above with a fixed set of providers instead of the discovered ones (tests of missing providers). */
    AuthCtl(Map<String, String> environment, boolean interactive, Path defaultStoreDir, AuthProviders providers) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.interactive = interactive;
        this.defaultStoreDir = Objects.requireNonNull(defaultStoreDir, "defaultStoreDir");
        this.providers = providers;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new AuthCtl()).execute(args));
    }

    /**
     * The command line of {@code authctl} as {@link #main} runs it: picocli with a usage-error
     * handler that answers a {@code --json} run with a JSON document (as its other failures are)
     * and any other run with the message and the command's usage on standard error.
     */
    public static CommandLine commandLine(AuthCtl authctl) {
        CommandLine commandLine = new CommandLine(authctl);
        CommandLine.IParameterExceptionHandler standard = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((failure, args) -> {
            CommandLine failed = failure.getCommandLine();
            if (failed.getCommandSpec().findOption("--json") != null && List.of(args).contains("--json")) {
                return Failures.reportUsageJson(failure.getMessage(), failed.getOut());
            }
            return standard.handleParseException(failure, args);
        });
        return commandLine;
    }

    /** Without a command: the usage, on standard error, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("authctl: a command is needed");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    Map<String, String> environment() {
        return environment;
    }

    boolean interactive() {
        return interactive;
    }

    Path defaultStoreDir() {
        return defaultStoreDir;
    }

    /** Where {@code simulate} registers the hook that stops it at Ctrl-C (tests run the hook themselves). */
    ShutdownHooks shutdownHooks() {
        return shutdownHooks;
    }

    AuthCtl shutdownHooks(ShutdownHooks hooks) {
        this.shutdownHooks = Objects.requireNonNull(hooks, "hooks");
        return this;
    }

    /**
     * The width tables are fitted to: the environment's {@code COLUMNS} when it is a sensible
     * number (shells export it for their terminal), else 100.
     */
    int terminalWidth() {
        try {
            int columns = Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip());
            return columns >= 40 ? columns : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    private static final int DEFAULT_WIDTH = 100;

    /** The JVM's shutdown hooks, or a stand-in. */
    interface ShutdownHooks {
        ShutdownHooks RUNTIME = new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public void remove(Thread hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or has run: nothing to remove.
                }
            }
        };

        void add(Thread hook);

        void remove(Thread hook);
    }

    /** The providers on the class path, discovered once. */
    synchronized AuthProviders providers() {
        if (providers == null) {
            providers = AuthProviders.discover(AuthCtl.class.getClassLoader());
        }
        return providers;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AuthCtl.class.getPackage().getImplementationVersion();
            return new String[] {"authctl " + (version == null ? "(development build)" : version)};
        }
    }
}
