package dev.apiauth.spi;

import java.time.Clock;

/** What the engine gives a provider, so the provider never builds transport, JSON or storage itself. */
@Api(status = Api.Status.STABLE)
public interface ProviderContext {
    /** {@return the id of the provider this context serves} */
    String providerId();

    /** {@return the transport to token endpoints, with the engine's timeouts, size cap and TLS policy} */
    TokenEndpoint tokenEndpoint();

    /** {@return JSON as plain {@code Map}/{@code List}/{@code String}/{@code Number}/{@code Boolean}/{@code null}} */
    Json json();

    /** {@return the clock every expiry is computed against; fake in tests} */
    Clock clock();

    /** {@return the store of long-lived secrets (refresh tokens) that must survive restarts; keys are local to this provider} */
    SecretStore secretStore();
}
