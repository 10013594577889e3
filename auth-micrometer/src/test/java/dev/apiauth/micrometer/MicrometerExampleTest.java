package dev.apiauth.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.simulator.VendorSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MicrometerExampleTest {
    @Test
    void theReadmeExampleRecordsTheFetchAndTheExpiry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VendorSimulator vendors = VendorSimulator.start()) {
            MicrometerExample.run(vendors.settingsFor("domo"), registry);
        }
        assertThat(registry.get(AuthMetrics.FETCHES).tags("provider", "domo", "account", "reports").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(AuthMetrics.TIME_TO_EXPIRY).tags("account", "reports").gauge().value())
                .isBetween(3000.0, 3600.0);
    }

    @Test
    void readmeShowsExactlyTheCompiledExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/apiauth/micrometer/MicrometerExample.java"));
        Matcher tagged = Pattern.compile("// tag::micrometer\\[]\\n(.*?)\\n\\s*// end::micrometer\\[]", Pattern.DOTALL)
                .matcher(source);
        assertThat(tagged.find()).as("MicrometerExample.java has the micrometer tags").isTrue();
        String snippet = tagged.group(1).stripIndent().strip();
        assertThat(Files.readString(Path.of("README.md")))
                .as("auth-micrometer/README.md must show the code in MicrometerExample.java; copy it over").contains(snippet);
    }
}
