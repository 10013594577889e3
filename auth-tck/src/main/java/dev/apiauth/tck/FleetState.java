package dev.apiauth.tck;

import dev.apiauth.core.SharedTokens;
import dev.apiauth.spi.AccessToken;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A fleet of engines in one JVM, as {@code auth-redis} shares tokens between instances: each account's
 * newest token is handed to every instance that asks, and only an instance whose token is the newest
 * one (and was rejected or expired) fetches. So an instance's token source is asked for the headers
 * of tokens another instance's source fetched (R4.2).
 */
final class FleetState implements SharedTokens {
    private final Map<String, AccessToken> newest = new HashMap<>();

    @Override
    public synchronized AccessToken obtainToken(String accountKey, AccessToken previous, boolean previousRejected,
            Supplier<AccessToken> fetch) {
        AccessToken shared = newest.get(accountKey);
        if (shared != null && (previous == null || !shared.value().equals(previous.value()))) {
            return shared;
        }
        AccessToken fetched = fetch.get();
        newest.put(accountKey, fetched);
        return fetched;
    }

    @Override
    public String toString() {
        return "FleetState[" + newest.size() + " accounts]";
    }
}
