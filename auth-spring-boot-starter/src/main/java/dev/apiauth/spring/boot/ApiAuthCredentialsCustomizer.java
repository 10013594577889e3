package dev.apiauth.spring.boot;

import dev.apiauth.core.Credentials;

/**
 * Adjusts how an account's {@link Credentials} are built, e.g. to add a listener for metrics, a
 * secret store for refresh tokens or fleet state from {@code auth-redis}. Every bean of this type
 * is applied, in {@link org.springframework.core.annotation.Order @Order}, to every account.
 *
 * <pre>{@code
 * @Bean
 * ApiAuthCredentialsCustomizer fleet(RedisSharedState fleet) {
 *     return (account, builder) -> builder.sharedState(fleet).secretStore(fleet.secretStore());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ApiAuthCredentialsCustomizer {
    /**
     * @param account the account's name (the key under {@code apiauth.accounts})
     * @param builder the builder, already holding the account's provider and settings
     */
    void customize(String account, Credentials.Builder builder);
}
