package dev.apiauth.cli;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.transport.JacksonJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code authctl} in-process through picocli with captured output, as the tests see it. */
final class Cli {
    private final Map<String, String> environment;
    private final Path defaultStoreDir;
    private final AuthProviders providers;

    private Cli(Map<String, String> environment, Path defaultStoreDir, AuthProviders providers) {
        this.environment = environment;
        this.defaultStoreDir = defaultStoreDir;
        this.providers = providers;
    }

    /** No environment variables; the default secret store under {@code home}; the discovered providers. */
    static Cli in(Path home) {
        return new Cli(Map.of(), home.resolve("secrets"), null);
    }

    /** These environment variables. */
    Cli withEnvironment(Map<String, String> variables) {
        return new Cli(variables, defaultStoreDir, providers);
    }

    /** Only these providers, as if the others' jars were missing. */
    Cli withProviders(AuthProviders only) {
        return new Cli(environment, defaultStoreDir, only);
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new CommandLine(new AuthCtl(environment, false, defaultStoreDir, providers))
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
