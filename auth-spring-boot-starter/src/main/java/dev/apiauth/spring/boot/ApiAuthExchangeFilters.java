package dev.apiauth.spring.boot;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ApiAuthExchangeFilter} of each configured account, for {@code WebClient}.
 *
 * <pre>{@code
 * WebClient domo = webClientBuilder.filter(filters.forAccount("domo")).build();
 * }</pre>
 */
public final class ApiAuthExchangeFilters {
    private final ApiAuthAccounts accounts;
    private final Map<String, ApiAuthExchangeFilter> filters = new ConcurrentHashMap<>();

    ApiAuthExchangeFilters(ApiAuthAccounts accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * The filter of account {@code name}.
     *
     * @throws IllegalArgumentException naming the configured accounts when there is none of that name
     */
    public ApiAuthExchangeFilter forAccount(String name) {
        return filters.computeIfAbsent(name, account -> ApiAuthExchangeFilter.of(accounts.credentials(account)));
    }

    @Override
    public String toString() {
        return "ApiAuthExchangeFilters" + accounts.names();
    }
}
