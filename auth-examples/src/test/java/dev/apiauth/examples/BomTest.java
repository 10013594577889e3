package dev.apiauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.examples.ReactorPoms.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The published set is every reactor module without {@code maven.deploy.skip}: each of them must be in
 * apiauth-bom (and nothing else may be), must name its jar's JPMS module, and must be built before this
 * module so that PublishedArtifactsIT sees its jar.
 */
class BomTest {
    private static final String MODULE_NAME = "dev\\.apiauth(\\.[a-z][a-z0-9]*)+";

    private final List<Module> modules = ReactorPoms.modules();
    private final Module bom = modules.stream().filter(m -> m.artifactId().equals("apiauth-bom")).findFirst().orElseThrow();

    @Test
    void theBomListsEveryPublishedModuleAndNothingElse() {
        Set<String> published = modules.stream()
                .filter(Module::published)
                .map(Module::artifactId)
                .filter(id -> !id.equals("apiauth-bom"))
                .collect(Collectors.toCollection(TreeSet::new));
        List<Element> managed = ReactorPoms.dependencies(
                ReactorPoms.element(bom.pom(), "dependencyManagement").orElseThrow());
        Set<String> listed = new TreeSet<>();
        for (Element dependency : managed) {
            assertThat(ReactorPoms.child(dependency, "groupId")).as("the BOM manages apiauth artifacts only")
                    .contains("dev.apiauth");
            assertThat(ReactorPoms.child(dependency, "version")).contains("${project.version}");
            listed.add(ReactorPoms.child(dependency, "artifactId").orElseThrow());
        }

        assertThat(published).as("published modules (no maven.deploy.skip) missing from auth-bom/pom.xml: add a line"
                + " <dependency><groupId>dev.apiauth</groupId><artifactId>ID</artifactId><version>${project.version}"
                + "</version></dependency> for each, or mark an internal module with"
                + " <maven.deploy.skip>true</maven.deploy.skip>").isSubsetOf(listed);
        assertThat(listed).as("auth-bom lists artifacts that are not published modules of this reactor")
                .isSubsetOf(published);
        assertThat(published).contains("auth-spi", "auth-core", "auth-tck", "auth-redis", "auth-simulator",
                "provider-doo", "provider-docplanner", "provider-domo", "provider-docoon", "provider-dotypos");
        assertThat(listed).doesNotContain("auth-examples", "auth-benchmarks", "auth-reliability");
    }

    @Test
    void everyJarModuleNamesItsJpmsModule() {
        Set<String> names = new TreeSet<>();
        for (Module module : modules) {
            if (!module.packaging().equals("jar")) {
                continue;
            }
            String name = module.property("apiauth.module.name").orElse("");
            assertThat(name).as(module.directory() + "/pom.xml needs <apiauth.module.name>dev.apiauth.<name>"
                    + "</apiauth.module.name> in its <properties> (the jar's Automatic-Module-Name)").matches(MODULE_NAME);
            assertThat(names.add(name)).as("two modules named " + name).isTrue();
        }
    }

    @Test
    void thisModuleIsBuiltAfterEveryPublishedModule() {
        Module examples = modules.stream().filter(m -> m.artifactId().equals("auth-examples")).findFirst().orElseThrow();
        Set<String> dependencies = ReactorPoms.dependencies(examples.pom()).stream()
                .map(dependency -> ReactorPoms.child(dependency, "artifactId").orElseThrow())
                .collect(Collectors.toSet());
        Set<String> missing = modules.stream()
                .filter(Module::published)
                .filter(m -> !m.packaging().equals("pom")) // jars and the archetype; the BOM is read as a file
                .map(Module::artifactId)
                .filter(id -> !dependencies.contains(id) && !reachedThroughDependencies(id))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("auth-examples/pom.xml must depend on these published modules (a <type>pom</type>"
                + " test dependency with an exclusion of *:*, like auth-tck's there) so that the reactor builds them"
                + " before PublishedArtifactsIT").isEmpty();
    }

    @Test
    void theReadmesImportTheBomAndGiveNoApiauthDependencyAVersion() throws Exception {
        String version = System.getProperty("apiauth.version");
        String readme = Files.readString(ReactorPoms.ROOT.resolve("README.md"));
        assertThat(readme).contains("## Using apiauth in your build", "<artifactId>apiauth-bom</artifactId>\n"
                + "      <version>" + version + "</version>\n      <type>pom</type>\n      <scope>import</scope>",
                "platform(\"dev.apiauth:apiauth-bom:" + version + "\")", "### Versioning");
        assertThat(Files.readString(ReactorPoms.ROOT.resolve("auth-tck/README.md")))
                .contains("<artifactId>apiauth-bom</artifactId>\n      <version>" + version + "</version>");

        List<Path> readmes = new ArrayList<>(List.of(ReactorPoms.ROOT.resolve("README.md")));
        for (Module module : modules) {
            Path moduleReadme = ReactorPoms.ROOT.resolve(module.directory()).resolve("README.md");
            if (module.published() && Files.isRegularFile(moduleReadme)) {
                readmes.add(moduleReadme);
            }
        }
        Pattern dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
        int versionless = 0;
        for (Path file : readmes) {
            Matcher blocks = dependency.matcher(Files.readString(file));
            while (blocks.find()) {
                String block = blocks.group(1);
                if (block.contains("<groupId>dev.apiauth</groupId>") && !block.contains("apiauth-bom")) {
                    assertThat(block).as(file + ": the BOM versions apiauth dependencies; drop the <version>")
                            .doesNotContain("<version>");
                    versionless++;
                }
            }
        }
        assertThat(versionless).as("apiauth dependencies shown in the READMEs").isGreaterThanOrEqualTo(8);
    }

    /** auth-spi and auth-vendor-shapes come with auth-core and auth-simulator, which this module uses. */
    private static boolean reachedThroughDependencies(String artifactId) {
        return Set.of("auth-spi", "auth-vendor-shapes").contains(artifactId);
    }
}
