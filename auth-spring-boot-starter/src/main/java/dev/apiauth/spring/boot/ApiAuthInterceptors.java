package dev.apiauth.spring.boot;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.web.client.RestClient;

/**
 * The {@link ApiAuthRequestInterceptor} of each configured account, for {@code RestClient} and
 * {@code RestTemplate}.
 *
 * <pre>{@code
 * RestClient domo = restClientBuilder.apply(interceptors.restClient("domo")).build();
 * RestTemplate legacy = restTemplateBuilder.additionalInterceptors(interceptors.forAccount("domo")).build();
 * }</pre>
 */
public final class ApiAuthInterceptors {
    private final ApiAuthAccounts accounts;
    private final Map<String, ApiAuthRequestInterceptor> interceptors = new ConcurrentHashMap<>();

    ApiAuthInterceptors(ApiAuthAccounts accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * The interceptor of account {@code name}.
     *
     * @throws IllegalArgumentException naming the configured accounts when there is none of that name
     */
    public ApiAuthRequestInterceptor forAccount(String name) {
        return interceptors.computeIfAbsent(name, account -> ApiAuthRequestInterceptor.of(accounts.credentials(account)));
    }

    /**
     * Adds the interceptor of account {@code name} to a builder, for
     * {@code RestClient.Builder.apply(…)}; apply it after any other interceptor (see
     * {@link ApiAuthRequestInterceptor}).
     */
    public Consumer<RestClient.Builder> restClient(String name) {
        ApiAuthRequestInterceptor interceptor = forAccount(name);
        return builder -> builder.requestInterceptor(interceptor);
    }

    @Override
    public String toString() {
        return "ApiAuthInterceptors" + accounts.names();
    }
}
