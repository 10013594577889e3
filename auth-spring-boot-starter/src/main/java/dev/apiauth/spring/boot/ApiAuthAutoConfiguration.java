package dev.apiauth.spring.boot;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of apiauth: the discovered {@link AuthProviders}, the accounts of
 * {@code apiauth.accounts} ({@link ApiAuthAccounts}, one {@link Credentials} bean per account,
 * named after it), and, when their clients are on the class path, {@link ApiAuthInterceptors}
 * for {@code RestClient}/{@code RestTemplate} and {@link ApiAuthExchangeFilters} for
 * {@code WebClient}. Off with {@code apiauth.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(Credentials.class)
@ConditionalOnProperty(prefix = ApiAuthProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ApiAuthProperties.class)
@Import(ApiAuthAutoConfiguration.AccountsRegistrar.class)
public class ApiAuthAutoConfiguration {

    /** The providers on the application's class path. */
    @Bean
    @ConditionalOnMissingBean
    public AuthProviders apiAuthProviders(BeanFactory beanFactory) {
        ClassLoader loader = beanFactory instanceof ConfigurableBeanFactory configurable
                && configurable.getBeanClassLoader() != null ? configurable.getBeanClassLoader() : getClass().getClassLoader();
        return AuthProviders.discover(loader);
    }

    /** The configured accounts, all checked at once. */
    @Bean
    public ApiAuthAccounts apiAuthAccounts(ApiAuthProperties properties, Environment environment,
            AuthProviders providers, ObjectProvider<ApiAuthCredentialsCustomizer> customizers, BeanFactory beanFactory) {
        return new ApiAuthAccounts(properties, Binder.get(environment), providers,
                customizers.orderedStream().toList(), beanFactory);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestClient.class)
    static class RestClientInterceptorConfiguration {
        @Bean
        @ConditionalOnMissingBean
        ApiAuthInterceptors apiAuthInterceptors(ApiAuthAccounts accounts) {
            return new ApiAuthInterceptors(accounts);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebClient.class)
    static class WebClientFilterConfiguration {
        @Bean
        @ConditionalOnMissingBean
        ApiAuthExchangeFilters apiAuthExchangeFilters(ApiAuthAccounts accounts) {
            return new ApiAuthExchangeFilters(accounts);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorConfiguration {
        /** Masks every account setting in the actuator's {@code /env} and {@code /configprops}. */
        @Bean
        static ApiAuthSanitizingFunction apiAuthSanitizingFunction() {
            return new ApiAuthSanitizingFunction();
        }
    }

    /**
     * Registers one {@link Credentials} bean per account, named after it. The names are read from
     * the environment here, before any bean exists; the bean itself comes from
     * {@link ApiAuthAccounts}, so every account is checked before the first one is built. The
     * context closes each bean ({@link Credentials} is {@link AutoCloseable}).
     */
    static class AccountsRegistrar implements ImportBeanDefinitionRegistrar {
        private final Environment environment;
        private final BeanFactory beanFactory;

        AccountsRegistrar(Environment environment, BeanFactory beanFactory) {
            this.environment = environment;
            this.beanFactory = beanFactory;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            Map<String, ApiAuthProperties.Account> accounts = Binder.get(environment)
                    .bind(ApiAuthProperties.PREFIX + ".accounts", Bindable.mapOf(String.class, ApiAuthProperties.Account.class))
                    .orElse(Map.of());
            for (String name : accounts.keySet()) {
                RootBeanDefinition definition = new RootBeanDefinition(Credentials.class,
                        () -> beanFactory.getBean(ApiAuthAccounts.class).create(name));
                definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
                registry.registerBeanDefinition(name, definition);
            }
        }
    }
}
