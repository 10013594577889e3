package dev.apiauth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TestingExampleTest {
    @Test
    void theReadmeExampleSeesWhatItsCommentsSay() {
        TestingExample.Seen seen = TestingExample.run();

        assertThat(seen.jwtClaims()).isEqualTo("{\"sub\":\"user-1\",\"exp\":" + (1772442000L + 3600) + "}");
        assertThat(seen.freshAfter59Minutes()).isTrue();
        assertThat(seen.freshAfter61Minutes()).isFalse();
        assertThat(seen.stored()).isEqualTo(Map.of("dotypos/refresh-token", "rt-1"));
    }

    @Test
    void readmeShowsExactlyTheCompiledExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/apiauth/testing/TestingExample.java"));
        Matcher tagged = Pattern.compile("// tag::testing\\[]\\n(.*?)\\n\\s*// end::testing\\[]", Pattern.DOTALL)
                .matcher(source);
        assertThat(tagged.find()).as("TestingExample.java has the testing tags").isTrue();
        String snippet = tagged.group(1).stripIndent().strip();
        assertThat(Files.readString(Path.of("README.md")))
                .as("auth-testing/README.md must show the code in TestingExample.java; copy it over").contains(snippet);
    }
}
