package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.examples.QuickStart;
import dev.apiauth.simulator.VendorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QuickStartAgainstTheBomTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("consumer.localRepository"));

    @Test
    void theQuickStartRunsWithVersionsFromTheBomAlone() throws Exception {
        try (VendorSimulator simulator = VendorSimulator.start()) {
            String[] bodies = QuickStart.run(simulator.settingsFor("domo"), simulator.apiUri("domo"));

            assertThat(bodies).hasSize(3).allSatisfy(body -> assertThat(body).isNotBlank());
            assertThat(simulator.apiRequests("domo")).isEqualTo(3);
            assertThat(simulator.tokenRequests("domo")).as("both clients share the cached token").isEqualTo(1);
        }
    }

    @Test
    void everyApiauthPomThisBuildResolvedStandsAloneWithItsMetadata() throws Exception {
        Path apiauth = REPOSITORY.resolve("dev/apiauth");
        List<Path> poms;
        try (Stream<Path> files = Files.walk(apiauth)) {
            poms = files.filter(file -> file.toString().endsWith(".pom")).toList();
        }
        assertThat(poms).extracting(pom -> pom.getFileName().toString())
                .anyMatch(name -> name.startsWith("auth-core-"))
                .anyMatch(name -> name.startsWith("provider-domo-"))
                .anyMatch(name -> name.startsWith("apiauth-bom-"));
        for (Path pom : poms) {
            if (pom.getFileName().toString().startsWith("apiauth-parent-")) {
                continue; // invoker:install copies the build's parent too; no published POM names it
            }
            String text = Files.readString(pom);
            assertThat(text).as(pom.toString())
                    .doesNotContain("<parent>")
                    .doesNotContain("<build>")
                    .contains("<name>", "<description>", "<url>https://", "<licenses>", "<name>Apache-2.0</name>",
                            "<developers>", "<scm");
            // No build-only property survives into a published POM (a BOM's own ${project.version} is Maven's).
            assertThat(text.replace("${project.version}", "")).as(pom.toString()).doesNotContain("${");
        }
    }
}
