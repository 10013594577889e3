package dev.apiauth.spring.boot;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the value of every {@code apiauth.accounts.<name>.settings.*} property, however it is
 * written (also {@code APIAUTH_ACCOUNTS_<NAME>_SETTINGS_*} variables), in the actuator's
 * {@code /env} and {@code /configprops} endpoints, even when they are set to show values: which
 * setting is a secret depends on the provider, and none needs to be read there.
 */
public final class ApiAuthSanitizingFunction implements SanitizingFunction {
    @Override
    public SanitizableData apply(SanitizableData data) {
        if (data.getKey() == null) {
            return data;
        }
        String key = data.getKey().toLowerCase(Locale.ROOT).replace('_', '.');
        return key.startsWith(ApiAuthProperties.PREFIX + ".accounts.") && key.contains(".settings")
                ? data.withValue(SanitizableData.SANITIZED_VALUE)
                : data;
    }
}
