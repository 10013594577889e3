package dev.apiauth.tck;

import dev.apiauth.spi.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The secrets a rule must never see leak, collected from the fixture and the provider's declarations. */
final class FixtureSecrets {
    private FixtureSecrets() {
    }

    /** Names and values of secret settings, from the fixture and the provider's declarations. */
    static Map<String, String> settingValues(ProviderUnderTest subject) {
        Set<String> names = new LinkedHashSet<>(subject.fixture().secretSettings());
        try {
            subject.provider().info().settings().stream().filter(Setting::secret).map(Setting::name)
                    .forEach(names::add);
        } catch (RuntimeException ignored) {
            // a provider whose info() fails is reported by R1.4; the fixture's names still count
        }
        Map<String, String> values = new LinkedHashMap<>();
        names.forEach(name -> {
            if (subject.settings().containsKey(name)) {
                values.put(name, subject.settings().get(name));
            }
        });
        return values;
    }

    /** A scanner that knows the secret settings, the refresh token and stored secrets of the fixture. */
    static SecretScanner scanner(ProviderUnderTest subject) {
        SecretScanner secrets = new SecretScanner();
        settingValues(subject).forEach((name, value) -> secrets.add("setting '" + name + "'", value));
        subject.fixture().refreshTokens().ifPresent(refresh -> {
            secrets.add("the refresh token", refresh.refreshToken());
            refresh.storedSecrets().forEach((key, value) -> secrets.add("stored secret '" + key + "'", value));
        });
        List<String> companions = new ArrayList<>(subject.settings().values());
        secrets.companions(companions);
        return secrets;
    }
}
