package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.spi.AuthProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code providers} and {@code describe} with {@code --class-path}: a third-party provider jar, built here. */
class ProviderClassPathTest {
    private static final String SOURCE = """
            package com.example.acme;

            import dev.apiauth.spi.AuthProvider;
            import dev.apiauth.spi.Capability;
            import dev.apiauth.spi.ProviderContext;
            import dev.apiauth.spi.ProviderInfo;
            import dev.apiauth.spi.ProviderSettings;
            import dev.apiauth.spi.Setting;
            import dev.apiauth.spi.TokenSource;

            public final class AcmeProvider implements AuthProvider {
                private static final ProviderInfo INFO = ProviderInfo.builder("Acme Anvils")
                        .documentation("https://acme.example/docs/auth")
                        .setting(Setting.text("tenant", "The Acme tenant the anvils are ordered for").required())
                        .setting(Setting.secret("api-key", "API key of the tenant").required())
                        .capabilities(Capability.TOKEN_ENDPOINT)
                        .build();

                @Override public String id() { return "acme"; }
                @Override public ProviderInfo info() { return INFO; }
                @Override public int requestedSpiVersion() { return SPI_VERSION; }
                @Override public TokenSource createTokenSource(ProviderSettings settings, ProviderContext context) {
                    throw new UnsupportedOperationException("not needed to be listed");
                }
            }
            """;

    @TempDir
    Path home;

    @TempDir
    Path build;

    private Path jar;

    @BeforeEach
    void buildAProviderJar() throws IOException, URISyntaxException {
        Path sources = Files.createDirectories(build.resolve("src/com/example/acme"));
        Path source = Files.writeString(sources.resolve("AcmeProvider.java"), SOURCE);
        Path classes = Files.createDirectories(build.resolve("classes"));
        Path spi = Path.of(AuthProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-classpath", spi.toString(),
                "-d", classes.toString(), source.toString());
        assertThat(status).as("javac").isZero();
        jar = build.resolve("acme-provider.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "com/example/acme/AcmeProvider.class",
                    Files.readAllBytes(classes.resolve("com/example/acme/AcmeProvider.class")));
            entry(out, "META-INF/services/dev.apiauth.spi.AuthProvider",
                    "com.example.acme.AcmeProvider\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void entry(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(content);
        jar.closeEntry();
    }

    @Test
    void providersListsTheJarsProviderBesideTheBuiltInOnes() {
        Cli.Result without = Cli.in(home).run("providers");
        Cli.Result with = Cli.in(home).run("providers", "--class-path", jar.toString());

        assertThat(without.out()).doesNotContain("acme");
        assertThat(with.status()).as(with.toString()).isZero();
        List<String> ids = with.out().lines().skip(2).map(line -> line.split("\\s+")[0])
                .filter(id -> !id.isEmpty()).toList();
        assertThat(ids).contains("acme", "docoon", "domo", "dotypos");
        assertThat(with.out()).contains("Acme Anvils").contains("tenant*, api-key*");
    }

    @Test
    void describeShowsTheJarsProvider() {
        Cli.Result result = Cli.in(home).run("describe", "acme", "-cp", jar.toString());

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Provider       acme (Acme Anvils)")
                .contains("https://acme.example/docs/auth")
                .contains("APIAUTH_ACME_TENANT");
        assertThat(Cli.in(home).run("describe", "acme").status()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMissingJarIsAUsageErrorWithTheCommandsUsage() {
        Cli.Result result = Cli.in(home).run("describe", "acme", "--class-path", home.resolve("nope.jar").toString());

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("class path entry '" + home.resolve("nope.jar") + "' does not exist")
                .contains("Usage: authctl describe");
        assertThat(result.out()).isEmpty();
    }
}
