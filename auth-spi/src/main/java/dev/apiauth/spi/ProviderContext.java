package dev.apiauth.spi;

import java.time.Clock;

/** What the engine gives a provider, so the provider never builds transport, JSON or storage itself. */
@Api(status = Api.Status.STABLE)
public interface ProviderContext {
    /** The id of the provider this context serves. */
    String providerId();

    /** Sends requests to token endpoints with the engine's timeouts, size cap and TLS policy. */
    TokenEndpoint tokenEndpoint();

    /** JSON as plain {@code Map}/{@code List}/{@code String}/{@code Number}/{@code Boolean}/{@code null}. */
    Json json();

    /** The clock every expiry is computed against; fake in tests. */
    Clock clock();

    /** Long-lived secrets (refresh tokens) that must survive restarts; keys are local to this provider. */
    SecretStore secretStore();
}
