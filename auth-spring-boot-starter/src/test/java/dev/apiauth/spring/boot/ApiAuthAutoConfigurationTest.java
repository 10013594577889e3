package dev.apiauth.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.core.AuthEvent;
import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.simulator.VendorSimulator;
import dev.apiauth.spi.InvalidSettingsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

class ApiAuthAutoConfigurationTest {
    private static VendorSimulator simulator;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApiAuthAutoConfiguration.class));

    @BeforeAll
    static void startSimulator() {
        simulator = VendorSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    /** {@code apiauth.accounts.<account>.settings.<name>=<value>} for each of the simulator's settings. */
    private static String[] accountProperties(String account, String providerId) {
        List<String> properties = new ArrayList<>();
        properties.add("apiauth.accounts." + account + ".provider=" + providerId);
        simulator.settingsFor(providerId).forEach((name, value) ->
                properties.add("apiauth.accounts." + account + ".settings." + name + "=" + value));
        return properties.toArray(String[]::new);
    }

    /** Replaces the process environment with {@code variables}, as Spring Boot reads it. */
    private static ApplicationContextRunner withEnvironment(ApplicationContextRunner runner,
            Map<String, Object> variables) {
        return runner.withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables)));
    }

    @Test
    void createsOneCredentialsBeanPerAccountNamedAfterIt() {
        runner.withPropertyValues(accountProperties("reporting", "domo"))
                .withPropertyValues(accountProperties("orders", "doo"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(Credentials.class)).containsOnlyKeys("reporting", "orders");
                    assertThat(context.getBean("reporting", Credentials.class).providerId()).isEqualTo("domo");
                    assertThat(context.getBean("orders", Credentials.class).providerId()).isEqualTo("doo");
                    ApiAuthAccounts accounts = context.getBean(ApiAuthAccounts.class);
                    assertThat(accounts.names()).containsExactly("reporting", "orders");
                    assertThat(accounts.credentials("reporting")).isSameAs(context.getBean("reporting"));
                    assertThat(accounts.providerId("orders")).isEqualTo("doo");
                    assertThat(context.getBean(AuthProviders.class).ids())
                            .contains("domo", "doo");

                    Credentials reporting = accounts.credentials("reporting");
                    assertThat(reporting.headers()).containsKey("Authorization");
                    assertThat(simulator.tokenRequests("domo")).isEqualTo(1);
                });
    }

    @Test
    void unknownAccountNamesTheConfiguredOnes() {
        runner.withPropertyValues(accountProperties("reporting", "domo")).run(context ->
                assertThatThrownBy(() -> context.getBean(ApiAuthAccounts.class).credentials("sales"))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("no apiauth account 'sales'")
                        .hasMessageContaining("[reporting]"));
    }

    @Test
    void bindsSettingsRelaxedlyFromPropertiesAndEnvironmentVariables() {
        Map<String, String> domo = simulator.settingsFor("domo");
        ApplicationContextRunner relaxed = runner.withPropertyValues(
                "apiauth.accounts.reporting.settings.clientId=" + domo.get("client-id"),
                "apiauth.accounts.reporting.settings.client_secret=" + domo.get("client-secret"));
        withEnvironment(relaxed, Map.of(
                "APIAUTH_ACCOUNTS_REPORTING_PROVIDER", "domo",
                "APIAUTH_ACCOUNTS_REPORTING_SETTINGS_API_BASE_URL", domo.get("api-base-url"),
                "APIAUTH_ACCOUNTS_REPORTING_SETTINGS_TOKENMETHOD", "post",
                "APIAUTH_ACCOUNTS_REPORTING_SETTINGS_SCOPE", domo.get("scope")))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Credentials reporting = context.getBean("reporting", Credentials.class);
                    assertThat(reporting.settings().find("client-id")).contains(domo.get("client-id"));
                    assertThat(reporting.settings().find("api-base-url")).contains(domo.get("api-base-url"));
                    assertThat(reporting.settings().find("token-method")).contains("post");
                    // The secret was bound too: the simulator accepts the account.
                    assertThat(reporting.token().value()).isNotBlank();
                    assertThat(simulator.tokenRequests("domo")).isEqualTo(1);
                });
    }

    @Test
    void environmentVariablesOverrideApplicationPropertiesAsEverywhereInSpringBoot() {
        ApplicationContextRunner both = runner.withPropertyValues(accountProperties("reporting", "domo"))
                .withPropertyValues("apiauth.accounts.reporting.settings.token-method=get")
                .withInitializer(context -> {
                    // Where application.properties sits: below the environment variables.
                    MutablePropertySources sources = context.getEnvironment().getPropertySources();
                    PropertySource<?> test = sources.remove("test");
                    sources.addLast(test);
                });
        withEnvironment(both, Map.of("APIAUTH_ACCOUNTS_REPORTING_SETTINGS_TOKEN_METHOD", "post"))
                .run(context -> assertThat(context.getBean("reporting", Credentials.class).settings()
                        .find("token-method")).contains("post"));
    }

    @Test
    void reportsEveryProblemOfEveryAccountAtOnceWithoutASecret() {
        String secret = "pssst-do-not-print-me";
        runner.withPropertyValues(
                "apiauth.accounts.nameless.settings.client-id=x",
                "apiauth.accounts.typo.provider=domoo",
                "apiauth.accounts.MyDomo.provider=domo",
                "apiauth.accounts.broken.provider=domo",
                "apiauth.accounts.broken.settings.client-id=someone",
                "apiauth.accounts.broken.settings.colour=blue",
                "apiauth.accounts.broken.settings.client-secrett=" + secret,
                "apiauth.accounts.broken.settings.token-method=sideways",
                "apiauth.accounts.broken.settings.api-base-url=http://vendor.example/")
                .withPropertyValues(accountProperties("fine", "domo"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    InvalidSettingsException invalid = rootCause(failure, InvalidSettingsException.class);
                    assertThat(invalid.problems()).satisfiesExactlyInAnyOrder(
                            p -> assertThat(p).startsWith("apiauth.accounts.nameless.provider is not set")
                                    .contains("[domo, doo]"),
                            p -> assertThat(p).startsWith("apiauth.accounts.typo.provider: no provider with id 'domoo'"),
                            p -> assertThat(p).startsWith("apiauth.accounts.MyDomo: the account name 'MyDomo'")
                                    .contains("'my-domo'"),
                            p -> assertThat(p).startsWith("apiauth.accounts.broken (provider domo): unknown setting 'colour'"),
                            p -> assertThat(p).startsWith("apiauth.accounts.broken (provider domo): unknown setting"
                                    + " 'client-secrett'"),
                            p -> assertThat(p).startsWith("apiauth.accounts.broken (provider domo): missing required"
                                    + " setting 'client-secret'")
                                    .contains("property apiauth.accounts.broken.settings.client-secret")
                                    .contains("APIAUTH_ACCOUNTS_BROKEN_SETTINGS_CLIENTSECRET")
                                    .doesNotContain("APIAUTH_DOMO_CLIENT_SECRET"),
                            p -> assertThat(p).startsWith("apiauth.accounts.broken (provider domo): setting 'token-method'"),
                            p -> assertThat(p).startsWith("apiauth.accounts.broken (provider domo): setting 'api-base-url'"));
                    assertThat(failure).hasStackTraceContaining("8 problems");
                    assertThat(invalid.problems()).anySatisfy(p -> assertThat(p).contains("'client-secrett'"));
                    assertThat(stackTrace(failure)).doesNotContain(secret);

                    FailureAnalysis analysis = new ApiAuthFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription()).contains("(8 problems)")
                            .contains("apiauth.accounts.typo.provider").contains("unknown setting 'colour'");
                    assertThat(analysis.getAction()).contains("apiauth.accounts.<name>.settings.*");
                    assertThat(analysis.getCause()).isSameAs(invalid);
                });
    }

    @Test
    void reportsAPlaceholderThatSpringCouldNotResolveInsteadOfSendingIt() {
        runner.withPropertyValues(accountProperties("reporting", "domo"))
                .withPropertyValues("apiauth.accounts.reporting.settings.client-secret=${REPORTING_DOMO_SECRET}",
                        "apiauth.accounts.reporting.settings.api-base-url=${DOMO_URL:${OTHER_URL}}")
                .run(context -> assertThat(rootCause(context.getStartupFailure(), InvalidSettingsException.class)
                        .problems()).containsExactly(
                                "apiauth.accounts.reporting (provider domo): setting 'client-secret' refers to"
                                        + " ${REPORTING_DOMO_SECRET}, which is not set; set REPORTING_DOMO_SECRET (e.g. as"
                                        + " an environment variable) or give the value directly",
                                "apiauth.accounts.reporting (provider domo): setting 'api-base-url' refers to"
                                        + " ${OTHER_URL}, which is not set; set OTHER_URL (e.g. as"
                                        + " an environment variable) or give the value directly"));
        assertThat(simulator.tokenRequests("domo")).isZero();
    }

    @Test
    void neverPrintsASecretSetting() {
        String secret = simulator.settingsFor("domo").get("client-secret");
        runner.withPropertyValues(accountProperties("reporting", "domo")).run(context -> {
            assertThat(context.getBean("reporting").toString()).doesNotContain(secret).contains("REDACTED");
            assertThat(context.getBean(ApiAuthProperties.class).toString()).doesNotContain(secret)
                    .contains("client-secret");
            assertThat(context.getBean(ApiAuthAccounts.class).toString()).doesNotContain(secret);
            assertThat(context.getBean(ApiAuthInterceptors.class).forAccount("reporting").toString())
                    .doesNotContain(secret);
        });
    }

    @Test
    void closesEachAccountsCredentialsWithTheContext() {
        Credentials[] kept = new Credentials[1];
        runner.withPropertyValues(accountProperties("reporting", "domo")).run(context -> {
            kept[0] = context.getBean("reporting", Credentials.class);
            assertThat(simulator.tokenRequests("domo")).isZero();
        });
        // The context closed the account's token-endpoint transport: no request leaves any more.
        assertThatThrownBy(() -> kept[0].authorization()).isInstanceOf(RuntimeException.class);
        assertThat(simulator.tokenRequests("domo")).isZero();
    }

    @Test
    void appliesEveryCredentialsCustomizerToEveryAccount() {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<AuthEvent.Type> events = new CopyOnWriteArrayList<>();
        runner.withPropertyValues(accountProperties("reporting", "domo"))
                .withPropertyValues(accountProperties("orders", "doo"))
                .withBean(ApiAuthCredentialsCustomizer.class, () -> (account, builder) -> {
                    seen.add(account);
                    builder.listener(event -> events.add(event.type()));
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(seen).containsExactlyInAnyOrder("reporting", "orders");
                    context.getBean("reporting", Credentials.class).headers();
                    assertThat(events).containsExactly(AuthEvent.Type.FETCHED);
                });
    }

    @Test
    void withoutAccountsThereAreNoCredentialsBeans() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ApiAuthAccounts.class).names()).isEmpty();
            assertThat(context).doesNotHaveBean(Credentials.class);
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues(accountProperties("reporting", "domo"))
                .withPropertyValues("apiauth.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ApiAuthAccounts.class);
                    assertThat(context).doesNotHaveBean(Credentials.class);
                    assertThat(context).doesNotHaveBean(AuthProviders.class);
                });
    }

    @Test
    void offersEachClientsInterceptorOnlyWhenThatClientIsOnTheClassPath() {
        runner.withPropertyValues(accountProperties("reporting", "domo")).run(context -> {
            assertThat(context).hasSingleBean(ApiAuthInterceptors.class);
            assertThat(context).hasSingleBean(ApiAuthExchangeFilters.class);
            assertThat(context.getBean(ApiAuthInterceptors.class).forAccount("reporting"))
                    .isSameAs(context.getBean(ApiAuthInterceptors.class).forAccount("reporting"));
        });
        runner.withClassLoader(new FilteredClassLoader(WebClient.class)).run(context -> {
            assertThat(context).hasSingleBean(ApiAuthInterceptors.class);
            assertThat(context).doesNotHaveBean(ApiAuthExchangeFilters.class);
        });
        runner.withClassLoader(new FilteredClassLoader(RestClient.class)).run(context -> {
            assertThat(context).doesNotHaveBean(ApiAuthInterceptors.class);
            assertThat(context).hasSingleBean(ApiAuthExchangeFilters.class);
        });
    }

    @Test
    void usesAnAuthProvidersBeanOfTheApplication() {
        AuthProviders onlyDoo = AuthProviders.of(List.of(AuthProviders.discover().get("doo")));
        runner.withBean(AuthProviders.class, () -> onlyDoo)
                .withPropertyValues(accountProperties("reporting", "domo"))
                .run(context -> assertThat(rootCause(context.getStartupFailure(), InvalidSettingsException.class)
                        .problems()).singleElement().asString().contains("no provider with id 'domo'")
                        .contains("[doo]"));
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }
}
