package dev.apiauth.cli;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.internal.JacksonJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code authctl} in-process through picocli with captured output, as the tests see it. */
final class Cli {
    private final Map<String, String> environment;
    private final Path defaultStoreDir;
    private final AuthProviders providers;
    private final AuthCtl.ShutdownHooks shutdownHooks;

    private Cli(Map<String, String> environment, Path defaultStoreDir, AuthProviders providers,
            AuthCtl.ShutdownHooks shutdownHooks) {
        this.environment = environment;
        this.defaultStoreDir = defaultStoreDir;
        this.providers = providers;
        this.shutdownHooks = shutdownHooks;
    }

    /** No environment variables; the default secret store under {@code home}; the discovered providers. */
    static Cli in(Path home) {
        return new Cli(Map.of(), home.resolve("secrets"), null, AuthCtl.ShutdownHooks.RUNTIME);
    }

    /** These environment variables. */
    Cli withEnvironment(Map<String, String> variables) {
        return new Cli(variables, defaultStoreDir, providers, shutdownHooks);
    }

    /** Only these providers, as if the others' jars were missing. */
    Cli withProviders(AuthProviders only) {
        return new Cli(environment, defaultStoreDir, only, shutdownHooks);
    }

    /** Shutdown hooks go to {@code hooks} instead of the JVM, so a test can play Ctrl-C. */
    Cli withShutdownHooks(AuthCtl.ShutdownHooks hooks) {
        return new Cli(environment, defaultStoreDir, providers, hooks);
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AuthCtl.commandLine(new AuthCtl(environment, false, defaultStoreDir, providers)
                        .shutdownHooks(shutdownHooks))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    /** What one run produced. */
    record Result(int status, String out, String err) {
        /** Standard output parsed as JSON. */
        Object json() {
            return JacksonJson.INSTANCE.parse(out);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> jsonObject() {
            return (Map<String, Object>) json();
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}
