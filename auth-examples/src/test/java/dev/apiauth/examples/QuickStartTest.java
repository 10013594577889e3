package dev.apiauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.simulator.VendorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QuickStartTest {
    @Test
    void quickStartAuthorizesEveryClientWithOneTokenRequest() throws Exception {
        try (VendorSimulator simulator = VendorSimulator.start()) {
            String[] bodies = QuickStart.run(simulator.settingsFor("domo"), simulator.apiUri("domo"));
            assertThat(bodies).hasSize(3).doesNotContainNull();
            assertThat(simulator.apiRequests("domo")).isEqualTo(3);
            assertThat(simulator.tokenRequests("domo")).as("the clients share the cached token").isEqualTo(1);
        }
    }

    @Test
    void readmeShowsExactlyTheCompiledQuickStart() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/apiauth/examples/QuickStart.java"));
        Matcher tagged = Pattern.compile("// tag::quickstart\\[]\\n(.*?)\\n\\s*// end::quickstart\\[]", Pattern.DOTALL)
                .matcher(source);
        assertThat(tagged.find()).as("QuickStart.java has the quickstart tags").isTrue();
        String snippet = tagged.group(1).stripIndent().strip();
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).as("README.md quick start must be the code in QuickStart.java; copy it over")
                .contains(snippet);
    }
}
