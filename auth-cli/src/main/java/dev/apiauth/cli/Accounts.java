package dev.apiauth.cli;

import dev.apiauth.core.Credentials;
import dev.apiauth.spi.AuthProvider;
import dev.apiauth.spi.Capability;

/** Builds the engine's credentials for one account from a command's settings options. */
final class Accounts {
    private Accounts() {
    }

    /**
     * Credentials for {@code provider} with the settings of {@code options}; providers that keep
     * refresh tokens get the file secret store, so a cloud connected with {@code connect} is found.
     *
     * @throws dev.apiauth.spi.InvalidSettingsException listing every problem with the settings
     */
    static Credentials open(AuthCtl root, AuthProvider provider, SettingsOptions options) {
        Credentials.Builder builder = Credentials.builder(provider)
                .settings(options.settings(provider.id(), root.environment()));
        if (provider.info().has(Capability.REFRESH_TOKENS)) {
            builder.secretStore(options.store(root.defaultStoreDir()));
        }
        return builder.build();
    }
}
