package dev.apiauth.cli;

import dev.apiauth.core.AuthProviders;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --class-path}: jars and directories with third-party providers, added to the ones
 * {@code authctl} ships with. A missing entry is a usage error of the command it was given to.
 */
final class ClassPathOption implements AutoCloseable {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"--class-path", "-cp"}, paramLabel = "PATH",
            description = "Jars or directories with more providers, separated by '${sys:path.separator}'"
                    + " (repeatable).")
    List<String> classPath = new ArrayList<>();

    private URLClassLoader loader;

    /** The providers {@code authctl} ships with plus those in {@code --class-path}. */
    AuthProviders providers(AuthCtl root) {
        if (classPath.isEmpty()) {
            return root.providers();
        }
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries(command.commandLine(), classPath)) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ParameterException(command.commandLine(), "class path entry '" + entry
                        + "' is not a valid path");
            }
        }
        loader = new URLClassLoader(urls.toArray(new URL[0]), AuthCtl.class.getClassLoader());
        return AuthProviders.discover(loader);
    }

    /** Closes the jars opened for {@code --class-path}. */
    @Override
    public void close() {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The entries of {@code values}, each a path list separated by the platform's separator.
     *
     * @throws ParameterException for an entry that does not exist, so picocli prints it with the
     *         usage of {@code commandLine}'s command
     */
    static List<Path> entries(CommandLine commandLine, List<String> values) {
        List<Path> entries = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path;
                try {
                    path = Path.of(entry);
                } catch (InvalidPathException e) {
                    throw new ParameterException(commandLine, "class path entry '" + entry + "' is not a valid path");
                }
                if (!Files.exists(path)) {
                    throw new ParameterException(commandLine, "class path entry '" + entry + "' does not exist;"
                            + " give jars or directories separated by '" + File.pathSeparator + "'");
                }
                entries.add(path);
            }
        }
        return entries;
    }
}
