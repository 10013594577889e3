package dev.apiauth.core.store;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import dev.apiauth.spi.Secret;
import dev.apiauth.spi.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secrets in a directory, one file per key, readable by the owner only. A save writes a temporary
 * file, forces it to disk and renames it over the old one, so a crash at any moment leaves either
 * the old or the new value, never a partial file. Keys are 1-200 letters, digits, dots, dashes or
 * underscores (others throw {@link IllegalArgumentException}); an empty file reads as no secret.
 * Read and write failures throw {@link java.io.UncheckedIOException} naming the key and directory.
 * Several threads or processes may share a directory: the last save wins.
 */
@Api(status = Api.Status.STABLE)
public final class FileSecretStore implements SecretStore {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final long LEFTOVER_AGE_MILLIS = 60_000;

    private final Path directory;

    /**
     * Opens a store in {@code directory}, creating it owner-only when missing, and deletes the
     * temporary files older than a minute that a crash left there.
     *
     * @param directory the directory, on a local file system that can rename atomically (a save
     *     on one that cannot throws {@link AuthException})
     * @throws UncheckedIOException when the directory cannot be created
     */
    public FileSecretStore(Path directory) {
        this.directory = directory.toAbsolutePath();
        try {
            if (Files.notExists(this.directory)) {
                Files.createDirectories(this.directory, ownerOnly(OWNER_DIRECTORY));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create secret store directory " + this.directory, e);
        }
        removeLeftovers();
    }

    /**
     * Deletes temporary files a crash left between writing and renaming: each holds a copy of a
     * secret that no reader will ever use. Only files older than a minute go, so a save in flight
     * in another process (which takes milliseconds) is never disturbed.
     */
    private void removeLeftovers() {
        long cutoff = System.currentTimeMillis() - LEFTOVER_AGE_MILLIS;
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".tmp") && modifiedBefore(file, cutoff);
            }).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // best effort: a leftover is owner-only and never read
                }
            });
        } catch (IOException ignored) {
            // an unreadable directory fails loudly on the first load or save instead
        }
    }

    /** {@return the absolute path of the directory holding the secrets} */
    public Path directory() {
        return directory;
    }

    @Override
    public Optional<Secret> load(String key) {
        try {
            String value = Files.readString(file(key), StandardCharsets.UTF_8);
            return value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(value));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret '" + key + "' from " + directory, e);
        }
    }

    @Override
    public void save(String key, Secret value) {
        Path target = file(key);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "." + key + ".", ".tmp", ownerOnly(OWNER_FILE));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(value.reveal()));
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new AuthException(null, "the file system of " + directory
                        + " cannot rename atomically; choose a local directory for the secret store");
            }
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save secret '" + key + "' in " + directory, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the rename normally consumed it; a leftover temporary file holds no partial value
                }
            }
        }
    }

    @Override
    public void remove(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove secret '" + key + "' from " + directory, e);
        }
    }

    private static boolean modifiedBefore(Path file, long cutoffMillis) {
        try {
            return Files.getLastModifiedTime(file).toMillis() < cutoffMillis;
        } catch (IOException e) {
            return false;
        }
    }

    private Path file(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("secret key '" + key
                    + "' must be 1-200 letters, digits, dots, dashes or underscores");
        }
        return directory.resolve(key + ".secret");
    }

    private void forceDirectory() {
        // Makes the rename itself durable; not every platform can open a directory, which is fine.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    @Override
    public String toString() {
        return "FileSecretStore[" + directory + "]";
    }
}
