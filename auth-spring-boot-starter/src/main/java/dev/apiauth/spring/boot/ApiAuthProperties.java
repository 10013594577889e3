package dev.apiauth.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code apiauth.*} properties: the accounts to authenticate with, each a provider id and that
 * provider's settings.
 *
 * <pre>
 * apiauth.accounts.reporting.provider=domo
 * apiauth.accounts.reporting.settings.client-id=…
 * apiauth.accounts.reporting.settings.client-secret=${DOMO_CLIENT_SECRET}
 * </pre>
 *
 * <p>Prints account and setting names only, never a value.
 */
@ConfigurationProperties(prefix = ApiAuthProperties.PREFIX)
public class ApiAuthProperties {
    /** The prefix of every property. */
    public static final String PREFIX = "apiauth";

    /** Whether the auto-configuration creates the accounts' beans. */
    private boolean enabled = true;

    /**
     * The accounts by name. Each becomes a Credentials bean of that name; a name is lower-case
     * letters, digits and dashes.
     */
    private Map<String, Account> accounts = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, Account> getAccounts() {
        return accounts;
    }

    public void setAccounts(Map<String, Account> accounts) {
        this.accounts = accounts;
    }

    @Override
    public String toString() {
        return "ApiAuthProperties[enabled=" + enabled + ", accounts=" + accounts + "]";
    }

    /** One account: which provider, and its settings. */
    public static class Account {
        /**
         * The provider's id, e.g. domo, doo, docplanner, docoon or dotypos; 'authctl providers'
         * lists the providers on a class path.
         */
        private String provider;

        /**
         * The provider's settings by name, e.g. client-id (also accepted as clientId, client_id or
         * an environment variable APIAUTH_ACCOUNTS_NAME_SETTINGS_CLIENT_ID); 'authctl describe id'
         * lists a provider's settings. Secret values are never logged or shown.
         */
        private Map<String, String> settings = new LinkedHashMap<>();

        public String getProvider() {
            return provider;
        }

        public void setProvider(String provider) {
            this.provider = provider;
        }

        public Map<String, String> getSettings() {
            return settings;
        }

        public void setSettings(Map<String, String> settings) {
            this.settings = settings;
        }

        @Override
        public String toString() {
            return "Account[provider=" + provider + ", settings=" + settings.keySet() + "]";
        }
    }
}
