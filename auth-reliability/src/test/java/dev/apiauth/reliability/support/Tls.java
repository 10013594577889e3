package dev.apiauth.reliability.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for the handshake faults: a certificate for {@code localhost}/{@code 127.0.0.1}
 * made once with the JDK's {@code keytool} (trusted by the client under test), and WireMock's
 * bundled self-signed certificate (not trusted).
 */
public final class Tls {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static KeyStore localhost;

    private Tls() {
    }

    /** The client side: trusts only the localhost certificate. */
    public static SSLContext clientTrustingLocalhost() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(localhost());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server presenting the trusted localhost certificate. */
    public static SSLContext serverTrusted() {
        return server(localhost(), PASSWORD);
    }

    /** A server presenting WireMock's self-signed certificate, which the client does not trust. */
    public static SSLContext serverUntrusted() {
        try (InputStream in = com.github.tomakehurst.wiremock.WireMockServer.class.getResourceAsStream("/keystore")) {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(in, "password".toCharArray());
            return server(store, "password".toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("WireMock's bundled keystore could not be read", e);
        }
    }

    private static SSLContext server(KeyStore store, char[] password) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KeyStore localhost() {
        if (localhost != null) {
            return localhost;
        }
        Path file = Reports.dir().resolve("tls/localhost.p12");
        try {
            if (Files.notExists(file)) {
                Files.createDirectories(file.getParent());
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3650",
                        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD),
                        "-keypass", new String(PASSWORD))
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            localhost = store;
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
