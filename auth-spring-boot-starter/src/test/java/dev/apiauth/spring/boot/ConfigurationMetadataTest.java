package dev.apiauth.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/** What the jar declares to Spring Boot and to IDEs. */
class ConfigurationMetadataTest {
    private static String resource(String name) throws Exception {
        try (InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " is on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void configurationProcessorWroteMetadataForTheAccounts() throws Exception {
        String metadata = resource("META-INF/spring-configuration-metadata.json");
        assertThat(metadata).contains("\"name\": \"apiauth.accounts\"")
                .contains("java.util.Map<java.lang.String,dev.apiauth.spring.boot.ApiAuthProperties$Account>")
                .contains("\"name\": \"apiauth.enabled\"")
                .contains("Each becomes a Credentials bean");
    }

    @Test
    void registersTheAutoConfigurationWithItsConditions() throws Exception {
        assertThat(resource("META-INF/spring/" + AutoConfiguration.class.getName() + ".imports").lines())
                .contains(ApiAuthAutoConfiguration.class.getName());
        assertThat(resource("META-INF/spring-autoconfigure-metadata.properties"))
                .contains(ApiAuthAutoConfiguration.class.getName() + ".ConditionalOnClass=dev.apiauth.core.Credentials");
    }
}
