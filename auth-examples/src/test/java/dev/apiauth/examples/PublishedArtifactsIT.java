package dev.apiauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.examples.ReactorPoms.Module;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What each published module hands to a repository, checked on the packaged files: the flattened POM with
 * Central's metadata and nothing build-only, the jar with its module name, the sources jar, and under
 * {@code -Prelease} the javadoc jar.
 */
class PublishedArtifactsIT {
    private static final String VERSION = System.getProperty("apiauth.version");
    private static final boolean RELEASE = Boolean.getBoolean("apiauth.release");

    private final List<Module> published = ReactorPoms.modules().stream().filter(Module::published).toList();

    @Test
    void theRepositoryCarriesTheLicence() throws Exception {
        assertThat(Files.readString(ReactorPoms.ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(ReactorPoms.ROOT.resolve("NOTICE")).isRegularFile();
    }

    @Test
    void everyPublishedPomCarriesTheMetadataAndNoBuildDetail() throws Exception {
        assertThat(published).hasSizeGreaterThan(10);
        for (Module module : published) {
            Path file = module.target().resolve("published-pom.xml");
            assertThat(file).as("flatten-maven-plugin output of " + module.directory()).isRegularFile();
            Element pom = ReactorPoms.parse(file);
            String where = file.toString();
            assertThat(ReactorPoms.child(pom, "version")).as(where).contains(VERSION);
            assertThat(ReactorPoms.child(pom, "name")).as(where).isPresent();
            assertThat(ReactorPoms.child(pom, "description")).as(where).hasValueSatisfying(d -> assertThat(d).isNotBlank());
            assertThat(ReactorPoms.child(pom, "url")).as(where).hasValueSatisfying(u -> assertThat(u).startsWith("https://"));
            Element license = ReactorPoms.element(ReactorPoms.element(pom, "licenses").orElseThrow(),
                    "license").orElseThrow();
            assertThat(ReactorPoms.child(license, "name")).as(where).contains("Apache-2.0");
            assertThat(ReactorPoms.element(pom, "developers")).as(where).isPresent();
            Element scm = ReactorPoms.element(pom, "scm").orElseThrow();
            assertThat(ReactorPoms.child(scm, "connection")).as(where).isPresent();
            assertThat(ReactorPoms.child(scm, "url")).as(where).isPresent();
            for (String buildOnly : List.of("parent", "properties", "build", "profiles", "modules")) {
                assertThat(ReactorPoms.element(pom, buildOnly)).as(where + " has <" + buildOnly + ">").isEmpty();
            }
            String text = Files.readString(file);
            assertThat(text.replace("${project.version}", "")).as(where + " has an unresolved property").doesNotContain("${");
        }
    }

    @Test
    void everyPublishedJarHasItsModuleNameASourcesJarAndUnderReleaseAJavadocJar() throws Exception {
        for (Module module : published) {
            if (!module.packaging().equals("jar")) {
                continue;
            }
            Path base = module.target().resolve(module.artifactId() + "-" + VERSION);
            Path jar = Path.of(base + ".jar");
            assertThat(jar).as("run the build up to package").isRegularFile();
            String moduleName = module.property("apiauth.module.name").orElseThrow();
            try (JarFile file = new JarFile(jar.toFile())) {
                String automatic = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                JarEntry descriptor = file.getJarEntry("module-info.class");
                if (descriptor == null) {
                    assertThat(automatic).as(jar.toString()).isEqualTo(moduleName);
                } else {
                    // A real module: its descriptor names it, and a second name in the manifest would only mislead.
                    try (InputStream in = file.getInputStream(descriptor)) {
                        assertThat(ModuleDescriptor.read(in).name()).as(jar + "!/module-info.class").isEqualTo(moduleName);
                    }
                    assertThat(automatic).as(jar + " has a module-info and an Automatic-Module-Name").isNull();
                }
            }
            Path sources = Path.of(base + "-sources.jar");
            assertThat(sources).isRegularFile();
            try (JarFile file = new JarFile(sources.toFile())) {
                assertThat(file.stream().map(entry -> entry.getName())).as(sources.toString())
                        .anyMatch(name -> name.endsWith(".java"));
            }
            Path javadoc = Path.of(base + "-javadoc.jar");
            if (RELEASE) {
                assertThat(javadoc).isRegularFile();
                try (JarFile file = new JarFile(javadoc.toFile())) {
                    assertThat(file.getEntry("index.html")).as(javadoc.toString()).isNotNull();
                }
            }
        }
    }
}
