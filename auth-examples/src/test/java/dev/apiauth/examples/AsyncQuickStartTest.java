package dev.apiauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.simulator.VendorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AsyncQuickStartTest {
    @Test
    void theAsyncExampleMakesOneAuthorizedRequest() throws Exception {
        try (VendorSimulator simulator = VendorSimulator.start()) {
            String body = AsyncQuickStart.run(simulator.settingsFor("domo"), simulator.apiUri("domo"));
            assertThat(body).isNotBlank();
            assertThat(simulator.apiRequests("domo")).isEqualTo(1);
            assertThat(simulator.tokenRequests("domo")).isEqualTo(1);
        }
    }

    @Test
    void readmeShowsExactlyTheCompiledAsyncExample() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/apiauth/examples/AsyncQuickStart.java"));
        Matcher tagged = Pattern.compile("// tag::async\\[]\\n(.*?)\\n\\s*// end::async\\[]", Pattern.DOTALL)
                .matcher(source);
        assertThat(tagged.find()).as("AsyncQuickStart.java has the async tags").isTrue();
        String snippet = tagged.group(1).stripIndent().strip();
        assertThat(Files.readString(Path.of("../README.md")))
                .as("README.md's async example must be the code in AsyncQuickStart.java; copy it over").contains(snippet);
    }
}
