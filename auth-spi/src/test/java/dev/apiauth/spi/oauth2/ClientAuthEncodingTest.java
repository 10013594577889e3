package dev.apiauth.spi.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.spi.ProviderInfo;
import dev.apiauth.spi.ProviderSettings;
import dev.apiauth.spi.Setting;
import dev.apiauth.spi.internal.SettingValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAuthEncodingTest {
    private static final ProviderInfo INFO = ProviderInfo.builder("Basic vendor").documentation("https://vendor.example")
            .setting(Setting.text("client-id", "id")).setting(ClientAuthEncoding.setting(" (mode x)")).build();

    private static ProviderSettings settings(Map<String, String> values) {
        return SettingValues.providerSettings(INFO, values);
    }

    @Test
    void declaresBothEncodingsWithRfc6749AsTheDefault() {
        Setting setting = INFO.setting(ClientAuthEncoding.SETTING).orElseThrow();

        assertThat(setting.choices()).containsExactly("rfc6749", "raw");
        assertThat(setting.defaultValue()).contains("rfc6749");
        assertThat(setting.description()).startsWith("How client-id and client-secret are put into HTTP Basic (mode x):");
        assertThat(ClientAuthEncoding.formEncodes(settings(Map.of()))).isTrue();
        assertThat(ClientAuthEncoding.formEncodes(settings(Map.of(ClientAuthEncoding.SETTING, "raw")))).isFalse();
    }

    @Test
    void aColonInARawClientIdIsAProblemOnlyWhenSentRaw() {
        ProviderSettings raw = settings(Map.of(ClientAuthEncoding.SETTING, "raw"));

        assertThat(ClientAuthEncoding.rawProblem(raw, "client-id", "app:1")).contains("setting 'client-id' contains"
                + " ':', which HTTP Basic cannot carry raw; use 'client-auth-encoding' 'rfc6749'");
        assertThat(ClientAuthEncoding.rawProblem(raw, "client-id", "app-1")).isEmpty();
        assertThat(ClientAuthEncoding.rawProblem(raw, "client-id", null)).isEmpty();
        assertThat(ClientAuthEncoding.rawProblem(settings(Map.of()), "client-id", "app:1")).isEmpty();
    }
}
