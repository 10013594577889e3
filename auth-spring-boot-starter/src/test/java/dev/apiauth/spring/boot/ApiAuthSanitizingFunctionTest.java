package dev.apiauth.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The actuator's /env and /configprops, set to show every value, still mask the account settings. */
class ApiAuthSanitizingFunctionTest {
    private static final String SECRET = "s3cret-that-must-stay-hidden";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApiAuthAutoConfiguration.class))
            .withPropertyValues("apiauth.accounts.reporting.provider=domo",
                    "apiauth.accounts.reporting.settings.client-id=someone",
                    "apiauth.accounts.reporting.settings.client-secret=" + SECRET,
                    "apiauth.accounts.reporting.settings.api-base-url=https://api.domo.example",
                    "unrelated.setting=visible")
            .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("APIAUTH_ACCOUNTS_REPORTING_SETTINGS_TOKEN_URL", "https://" + SECRET + ".example"))));

    @Test
    void environmentEndpointMasksEveryAccountSettingHoweverItIsWritten() {
        runner.run(context -> {
            List<SanitizingFunction> functions = List.copyOf(context.getBeansOfType(SanitizingFunction.class).values());
            assertThat(functions).hasSize(1);
            EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(), functions, Show.ALWAYS);

            assertThat(endpoint.environmentEntry("apiauth.accounts.reporting.settings.client-secret").getProperty()
                    .getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
            assertThat(endpoint.environmentEntry("APIAUTH_ACCOUNTS_REPORTING_SETTINGS_TOKEN_URL").getProperty()
                    .getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
            assertThat(endpoint.environmentEntry("apiauth.accounts.reporting.provider").getProperty().getValue())
                    .isEqualTo("domo");
            assertThat(endpoint.environmentEntry("unrelated.setting").getProperty().getValue()).isEqualTo("visible");
            assertThat(endpoint.environment(null).toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void configurationPropertiesEndpointMasksTheSettings() {
        runner.run(context -> {
            ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
                    List.copyOf(context.getBeansOfType(SanitizingFunction.class).values()), Show.ALWAYS);
            endpoint.setApplicationContext(context);
            Map<String, Object> apiauth = endpoint.configurationPropertiesWithPrefix("apiauth").getContexts()
                    .get(context.getId()).getBeans().values().iterator().next().getProperties();

            assertThat(apiauth.toString()).doesNotContain(SECRET).doesNotContain("someone")
                    .contains("client-secret=" + SanitizableData.SANITIZED_VALUE).contains("provider=domo");
        });
    }

    @Test
    void withoutTheActuatorThereIsNoSanitizingFunction() {
        runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
                .run(context -> assertThat(context).doesNotHaveBean(ApiAuthSanitizingFunction.class));
    }
}
