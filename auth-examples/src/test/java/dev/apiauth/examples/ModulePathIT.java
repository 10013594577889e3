package dev.apiauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The five provider jars, auth-spi, auth-core and their dependencies on a plain JVM's module path (no class
 * path): each jar is a named module (auth-spi, auth-core and the providers with a real module-info), no package is in
 * two of them, and ServiceLoader finds all five providers.
 */
class ModulePathIT {
    /** Jars of this test's class path that a user's module path would not have. */
    private static final List<String> NOT_A_USERS_MODULE_PATH = List.of("auth-simulator", "auth-vendor-shapes",
            "junit", "assertj", "opentest4j", "apiguardian", "test-classes", "byte-buddy", "surefire", "failsafe",
            "slf4j-simple");

    /**
     * auth-spi, auth-core and the providers are real modules (issue 12): the engine uses the provider service, each
     * provider provides it and exports nothing but what users call, and only API packages are exported to everyone.
     */
    private static void assertRealDescriptors(ModuleFinder finder) {
        ModuleDescriptor spi = finder.find("dev.apiauth.spi").orElseThrow().descriptor();
        ModuleDescriptor core = finder.find("dev.apiauth.core").orElseThrow().descriptor();
        assertThat(spi.isAutomatic()).as("auth-spi has a module-info").isFalse();
        assertThat(core.isAutomatic()).as("auth-core has a module-info").isFalse();
        assertThat(unqualifiedExports(spi)).containsExactlyInAnyOrder("dev.apiauth.spi", "dev.apiauth.spi.consent",
                "dev.apiauth.spi.http", "dev.apiauth.spi.oauth2");
        assertThat(unqualifiedExports(core)).containsExactlyInAnyOrder("dev.apiauth.core",
                "dev.apiauth.core.httpclient5", "dev.apiauth.core.jdkhttp", "dev.apiauth.core.store",
                "dev.apiauth.core.transport");
        assertThat(core.packages()).contains("dev.apiauth.core.internal");
        assertThat(core.uses()).containsExactly("dev.apiauth.spi.AuthProvider");
        for (String id : List.of("doo", "docplanner", "domo", "docoon", "dotypos")) {
            ModuleDescriptor provider = finder.find("dev.apiauth.provider." + id).orElseThrow().descriptor();
            assertThat(provider.isAutomatic()).as(id + " has a module-info").isFalse();
            assertThat(provider.provides()).as(id).singleElement().satisfies(provides ->
                    assertThat(provides.service()).isEqualTo("dev.apiauth.spi.AuthProvider"));
            assertThat(unqualifiedExports(provider)).as(id)
                    .isEqualTo(id.equals("dotypos") ? List.of("dev.apiauth.provider.dotypos") : List.of());
        }
    }

    private static List<String> unqualifiedExports(ModuleDescriptor module) {
        return module.exports().stream().filter(export -> !export.isQualified()).map(ModuleDescriptor.Exports::source)
                .sorted().toList();
    }

    @Test
    void aModularJvmWithTheFiveProviderJarsAndAuthCoreDiscoversAllFive() throws Exception {
        List<Path> modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> NOT_A_USERS_MODULE_PATH.stream().noneMatch(entry::contains))
                .map(Path::of)
                .toList();
        Map<String, String> jarByModule = new HashMap<>();
        Map<String, String> modulesByPackage = new HashMap<>();
        for (ModuleReference module : ModuleFinder.of(modulePath.toArray(Path[]::new)).findAll()) {
            String name = module.descriptor().name();
            jarByModule.put(name, module.location().map(Object::toString).orElse("?"));
            for (String pkg : module.descriptor().packages()) {
                String other = modulesByPackage.put(pkg, name);
                assertThat(other).as("package " + pkg + " is split between " + other + " and " + name).isNull();
            }
        }
        assertThat(jarByModule).containsKeys("dev.apiauth.spi", "dev.apiauth.core", "dev.apiauth.examples",
                "dev.apiauth.provider.doo", "dev.apiauth.provider.docplanner", "dev.apiauth.provider.domo",
                "dev.apiauth.provider.docoon", "dev.apiauth.provider.dotypos");
        assertThat(jarByModule.get("dev.apiauth.core")).contains("auth-core").endsWith(".jar");
        assertRealDescriptors(ModuleFinder.of(modulePath.toArray(Path[]::new)));

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                "--add-modules", "ALL-MODULE-PATH",
                "--module", "dev.apiauth.examples/" + ListProviders.class.getName())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the program ends").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> !line.startsWith("SLF4J"))).containsExactly("docoon", "docplanner",
                "domo", "doo", "dotypos");
    }
}
