package dev.apiauth.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** A real SpringApplication with wrong accounts stops with Spring Boot's report listing every problem. */
@ExtendWith(OutputCaptureExtension.class)
class ApiAuthFailureAnalyzerTest {
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ApiAuthAutoConfiguration.class)
    static class Application {
    }

    @Test
    void startupFailureReportListsEveryProblemAndNoSecret(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of(
                "spring.config.name", "no-application-properties-here",
                "apiauth.accounts.domo.provider", "domo",
                "apiauth.accounts.domo.settings.client-id", "someone",
                "apiauth.accounts.domo.settings.colour", "blue",
                "apiauth.accounts.domo.settings.clientSecrett", "s3cret-in-a-typo",
                "apiauth.accounts.orders.provider", "dooo"));

        assertThatThrownBy(application::run).hasStackTraceContaining("invalid settings (4 problems)");

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("The apiauth accounts are not configured correctly (4 problems):")
                .contains("  - apiauth.accounts.domo (provider domo): missing required setting 'client-secret'")
                .contains("  - apiauth.accounts.domo (provider domo): unknown setting 'colour'")
                .contains("  - apiauth.accounts.domo (provider domo): unknown setting 'clientSecrett'")
                .contains("  - apiauth.accounts.orders.provider: no provider with id 'dooo'")
                .contains("Fix the apiauth.accounts.<name>.provider and apiauth.accounts.<name>.settings.* properties")
                .doesNotContain("s3cret-in-a-typo");
    }
}
