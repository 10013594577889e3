package dev.apiauth.cli;

import dev.apiauth.core.Settings;
import dev.apiauth.core.store.FileSecretStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where a command's provider settings come from: environment variables
 * {@code APIAUTH_<PROVIDER>_<SETTING>}, overridden by a properties file, overridden by
 * {@code --set}. Also the directory of the file secret store that keeps refresh tokens.
 */
final class SettingsOptions {
    @Option(names = "--set", paramLabel = "SETTING=VALUE",
            description = {"A setting, e.g. --set client-id=abc (repeatable). Overrides the settings file and the"
                    + " environment. Prefer the file or the environment for secrets: a command line is visible to"
                    + " other users of this machine."})
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--settings-file", paramLabel = "FILE",
            description = {"A properties file of settings (client-id=abc, one per line). Overrides the"
                    + " environment variables APIAUTH_<PROVIDER>_<SETTING>."})
    Path settingsFile;

    @Option(names = "--store-dir", paramLabel = "DIR",
            description = {"Directory of the secret store that keeps refresh tokens (created owner-only)."
                    + " Default: ~/.apiauth/secrets"})
    Path storeDir;

    /** The settings for {@code providerId}: environment, then file, then {@code --set}. */
    Settings settings(String providerId, Map<String, String> environment) {
        Settings settings = Settings.fromEnvironment(providerId, environment);
        if (settingsFile != null) {
            settings = settings.overriddenBy(Settings.fromProperties(readFile(settingsFile)));
        }
        return settings.overriddenBy(Settings.of(set));
    }

    /** The file store in {@code --store-dir} or {@code defaultDir}. */
    FileSecretStore store(Path defaultDir) {
        return new FileSecretStore(storeDir != null ? storeDir : defaultDir);
    }

    private static Properties readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.USAGE, "settings file " + file + " does not exist");
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read settings file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            // Properties' message may quote the offending line, which can hold a secret.
            throw new CliException(ExitCodes.USAGE, "settings file " + file
                    + " is not a valid properties file (a malformed \\u escape?)", e);
        }
        return properties;
    }
}
