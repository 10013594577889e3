package dev.apiauth.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.simulator.VendorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OkHttpExampleTest {
    @Test
    void theReadmeExampleAuthorizesOkHttpAndRetrofitWithOneToken() throws Exception {
        try (VendorSimulator vendors = VendorSimulator.start()) {
            String[] bodies = OkHttpExample.run(vendors.settingsFor("domo"), vendors.apiUri("domo"));
            assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(body).isNotBlank());
            assertThat(bodies[1]).isEqualTo(bodies[0]);
            assertThat(vendors.apiRequests("domo")).isEqualTo(2);
            assertThat(vendors.tokenRequests("domo")).isEqualTo(1);
        }
    }

    @Test
    void readmeShowsExactlyTheCompiledExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/apiauth/okhttp/OkHttpExample.java"));
        Matcher tagged = Pattern.compile("// tag::okhttp\\[]\\n(.*?)\\n\\s*// end::okhttp\\[]", Pattern.DOTALL)
                .matcher(source);
        assertThat(tagged.find()).as("OkHttpExample.java has the okhttp tags").isTrue();
        String snippet = tagged.group(1).stripIndent().strip();
        assertThat(Files.readString(Path.of("README.md")))
                .as("auth-okhttp/README.md must show the code in OkHttpExample.java; copy it over").contains(snippet);
    }
}
