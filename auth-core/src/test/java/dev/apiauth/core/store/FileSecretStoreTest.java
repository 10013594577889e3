package dev.apiauth.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apiauth.spi.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSecretStoreTest {
    private static final Secret REFRESH_TOKEN = Secret.of("rt-SECRET-0123456789");

    @TempDir
    Path temp;

    private Path directory() {
        return temp.resolve("apiauth").resolve("secrets");
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savesLoadsAndRemovesASecret() {
        FileSecretStore store = new FileSecretStore(directory());

        assertThat(store.load("dotypos.refresh-token")).isEmpty();
        store.save("dotypos.refresh-token", REFRESH_TOKEN);
        assertThat(store.load("dotypos.refresh-token")).contains(REFRESH_TOKEN);
        store.remove("dotypos.refresh-token");
        assertThat(store.load("dotypos.refresh-token")).isEmpty();
    }

    @Test
    void removingAMissingSecretIsNotAnError() {
        FileSecretStore store = new FileSecretStore(directory());

        store.remove("never-saved");

        assertThat(store.load("never-saved")).isEmpty();
    }

    @Test
    void overwritesAnEarlierValue() {
        FileSecretStore store = new FileSecretStore(directory());
        store.save("token", Secret.of("first-value-that-is-longer"));

        store.save("token", Secret.of("second"));

        assertThat(store.load("token")).contains(Secret.of("second"));
    }

    @Test
    void keepsSecretsAcrossInstancesLikeAcrossRestarts() {
        new FileSecretStore(directory()).save("token", REFRESH_TOKEN);

        assertThat(new FileSecretStore(directory()).load("token")).contains(REFRESH_TOKEN);
    }

    @Test
    void keepsUnicodeAndMultiLineValuesExactly() {
        FileSecretStore store = new FileSecretStore(directory());
        Secret value = Secret.of("héslo € 秘密\nline two\n");

        store.save("unicode", value);

        assertThat(store.load("unicode")).contains(value);
    }

    @Test
    void keepsKeysApart() {
        FileSecretStore store = new FileSecretStore(directory());
        store.save("a", Secret.of("value-a"));
        store.save("b", Secret.of("value-b"));

        store.remove("a");

        assertThat(store.load("a")).isEmpty();
        assertThat(store.load("b")).contains(Secret.of("value-b"));
    }

    @Test
    void createsTheDirectoryAndFilesOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        FileSecretStore store = new FileSecretStore(directory());

        store.save("token", REFRESH_TOKEN);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory().getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory().resolve("token.secret"))))
                .isEqualTo("rw-------");
    }

    @Test
    void keepsTheFileOwnerOnlyWhenOverwriting() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        FileSecretStore store = new FileSecretStore(directory());
        store.save("token", Secret.of("one"));
        Files.setPosixFilePermissions(directory().resolve("token.secret"), PosixFilePermissions.fromString("rw-r--r--"));

        store.save("token", Secret.of("two"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory().resolve("token.secret"))))
                .isEqualTo("rw-------");
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        FileSecretStore store = new FileSecretStore(directory());

        store.save("a", Secret.of("1"));
        store.save("a", Secret.of("2"));
        store.save("b", Secret.of("3"));

        assertThat(fileNames(directory())).containsExactly("a.secret", "b.secret");
        assertThat(Files.readString(directory().resolve("a.secret"), StandardCharsets.UTF_8)).isEqualTo("2");
    }

    @Test
    void treatsAnEmptyFileAsNoSecret() throws IOException {
        FileSecretStore store = new FileSecretStore(directory());
        Files.writeString(directory().resolve("empty.secret"), "");

        assertThat(store.load("empty")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../escape", "a/b", "a\\b", "with space", "semi;colon", "ключ"})
    void refusesKeysThatAreNotPlainFileNames(String key) throws IOException {
        FileSecretStore store = new FileSecretStore(directory());

        assertThatThrownBy(() -> store.save(key, REFRESH_TOKEN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits, dots, dashes or underscores");
        assertThatThrownBy(() -> store.load(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.remove(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(fileNames(directory())).isEmpty();
        assertThat(fileNames(temp)).containsExactly("apiauth");
    }

    @Test
    void refusesAKeyLongerThan200Characters() {
        FileSecretStore store = new FileSecretStore(directory());

        store.save("k".repeat(200), REFRESH_TOKEN);

        assertThat(store.load("k".repeat(200))).contains(REFRESH_TOKEN);
        assertThatThrownBy(() -> store.save("k".repeat(201), REFRESH_TOKEN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readersSeeTheOldOrTheNewValueNeverAPartialOne() throws Exception {
        FileSecretStore store = new FileSecretStore(directory());
        Secret small = Secret.of("small");
        Secret large = Secret.of("L".repeat(64 * 1024));
        store.save("token", small);
        Set<Integer> seenLengths = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        CountDownLatch readerStarted = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            readerStarted.countDown();
            try {
                while (writing.get()) {
                    seenLengths.add(store.load("token").map(secret -> secret.reveal().length()).orElse(-1));
                }
            } catch (Throwable e) {
                readerFailure.set(e);
            }
        });
        reader.start();
        readerStarted.await();

        for (int i = 0; i < 100; i++) {
            store.save("token", i % 2 == 0 ? large : small);
        }
        writing.set(false);
        reader.join();

        assertThat(readerFailure.get()).isNull();
        assertThat(seenLengths).isNotEmpty().isSubsetOf(small.reveal().length(), large.reveal().length());
        assertThat(fileNames(directory())).containsExactly("token.secret");
    }

    @Test
    void printsItsDirectoryButNoSecret() {
        FileSecretStore store = new FileSecretStore(directory());
        store.save("token", REFRESH_TOKEN);

        assertThat(store.toString()).contains(directory().toString()).doesNotContain(REFRESH_TOKEN.reveal());
        assertThat(store.directory()).isEqualTo(directory().toAbsolutePath());
    }

    @Test
    void removesTemporaryFilesACrashLeftBehindButNotOnesInFlight() throws IOException {
        Path directory = directory();
        new FileSecretStore(directory).save("refresh-token", REFRESH_TOKEN);
        Path stale = directory.resolve(".refresh-token.123.tmp");
        Path fresh = directory.resolve(".refresh-token.456.tmp");
        Files.writeString(stale, "half a secret");
        Files.writeString(fresh, "being written");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));

        FileSecretStore reopened = new FileSecretStore(directory);

        assertThat(fileNames(directory)).containsExactlyInAnyOrder("refresh-token.secret", ".refresh-token.456.tmp");
        assertThat(reopened.load("refresh-token")).contains(REFRESH_TOKEN);
    }
}
