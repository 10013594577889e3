package dev.apiauth.spring.boot.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.Credentials;
import dev.apiauth.simulator.VendorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the README's example application with its application.properties; only the Domo account
 * and API URL are pointed at the offline simulation, as a user's test would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReportingApplicationTest {
    private static final VendorSimulator SIMULATOR = VendorSimulator.start();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        Map<String, String> domo = SIMULATOR.settingsFor("domo");
        registry.add("DOMO_CLIENT_ID", () -> domo.get("client-id"));
        registry.add("DOMO_CLIENT_SECRET", () -> domo.get("client-secret"));
        registry.add("apiauth.accounts.domo.settings.api-base-url", () -> domo.get("api-base-url"));
        registry.add("domo.api-url", () -> domo.get("api-base-url"));
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Autowired
    private ReportingApplication.Users users;

    @Autowired
    @Qualifier("domo")
    private Credentials domo;

    @BeforeEach
    void resetSimulator() {
        SIMULATOR.reset();
        domo.invalidate();
    }

    @Test
    void restClientCallsTheApiAndRecoversFromARejectedTokenWithOneRetry() {
        assertThat(users.list()).contains("\"id\"");
        assertThat(SIMULATOR.tokenRequests("domo")).isEqualTo(1);

        SIMULATOR.expireAllTokens(); // the vendor now answers 401 to the cached token
        assertThat(users.list()).contains("\"id\"");
        assertThat(SIMULATOR.apiRequests("domo")).as("200, then 401 and its one retry").isEqualTo(3);
        assertThat(SIMULATOR.tokenRequests("domo")).isEqualTo(2);
    }

    @Test
    void webClientCallsTheApiAndRecoversFromARejectedTokenWithOneRetry() {
        assertThat(users.listReactively().block(Duration.ofSeconds(10))).contains("\"id\"");
        SIMULATOR.expireAllTokens();
        assertThat(users.listReactively().block(Duration.ofSeconds(10))).contains("\"id\"");
        assertThat(SIMULATOR.apiRequests("domo")).isEqualTo(3);
        assertThat(SIMULATOR.tokenRequests("domo")).isEqualTo(2);
    }

    @Test
    void readmeShowsExactlyTheCompiledExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).as("README.md must show ReportingApplication.java's example; copy it over")
                .contains(tagged(Path.of("src/test/java/dev/apiauth/spring/boot/example/ReportingApplication.java"),
                        "// tag::example[]", "// end::example[]"));
        assertThat(readme).as("README.md must show the example's application.properties; copy it over")
                .contains(tagged(Path.of("src/test/resources/application.properties"),
                        "# tag::properties[]", "# end::properties[]"));
    }

    private static String tagged(Path file, String start, String end) throws Exception {
        Matcher tagged = Pattern.compile(Pattern.quote(start) + "\\n(.*?)\\n\\s*" + Pattern.quote(end), Pattern.DOTALL)
                .matcher(Files.readString(file));
        assertThat(tagged.find()).as(file + " has the tags " + start).isTrue();
        return tagged.group(1).stripIndent().strip();
    }
}
