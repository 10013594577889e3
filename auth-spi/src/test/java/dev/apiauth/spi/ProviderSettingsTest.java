package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiauth.spi.internal.SettingValues;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {
    private static final String SECRET_VALUE = "cl1ent-S3CRET-value";

    private static final ProviderInfo INFO = ProviderInfo.builder("Example")
            .documentation("https://example.com/docs")
            .setting(Setting.text("client-id", "The client id").required())
            .setting(Setting.secret("client-secret", "The client secret").required())
            .setting(Setting.secret("refresh-token", "An optional refresh token"))
            .setting(Setting.url("token-url", "The token endpoint").defaultValue("https://example.com/token"))
            .setting(Setting.duration("timeout", "How long to wait").defaultValue("30s"))
            .setting(Setting.integer("retries", "How often to retry").defaultValue("3"))
            .setting(Setting.flag("sandbox", "Use the sandbox").defaultValue("false"))
            .setting(Setting.choiceList("scopes", "Scopes", List.of("read", "write")))
            .setting(Setting.text("region", "An optional region"))
            .build();

    private static ProviderSettings settings(Map<String, String> given) {
        return SettingValues.providerSettings(INFO, given);
    }

    private static Map<String, String> required() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("client-id", "my-client");
        values.put("client-secret", SECRET_VALUE);
        return values;
    }

    @Test
    void printsSecretsRedactedAndOtherValuesPlainly() {
        Map<String, String> values = required();
        values.put("refresh-token", SECRET_VALUE + "-refresh");
        values.put("retries", "5");

        String printed = settings(values).toString();

        assertThat(printed).doesNotContain(SECRET_VALUE).contains("client-id=my-client", "client-secret=REDACTED",
                "refresh-token=REDACTED", "retries=5");
    }

    @Test
    void givesTypedValuesAndDefaults() {
        Map<String, String> values = required();
        values.put("timeout", "5m");
        values.put("scopes", "read, write");
        values.put("sandbox", "TRUE");
        ProviderSettings settings = settings(values);

        assertThat(settings.get("client-id")).isEqualTo("my-client");
        assertThat(settings.secret("client-secret")).isEqualTo(Secret.of(SECRET_VALUE));
        assertThat(settings.findSecret("refresh-token")).isEmpty();
        assertThat(settings.uri("token-url")).isEqualTo(URI.create("https://example.com/token"));
        assertThat(settings.duration("timeout")).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.findDuration("timeout")).contains(Duration.ofMinutes(5));
        assertThat(settings.integer("retries")).isEqualTo(3);
        assertThat(settings.flag("sandbox")).isTrue();
        assertThat(settings.list("scopes")).containsExactly("read", "write");
        assertThat(settings.find("region")).isEmpty();
        assertThat(settings.info()).isSameAs(INFO);
    }

    @Test
    void stripsSurroundingWhiteSpace() {
        Map<String, String> values = required();
        values.put("client-id", "  my-client \n");

        assertThat(settings(values).get("client-id")).isEqualTo("my-client");
    }

    @Test
    void tellsGivenValuesFromDefaults() {
        Map<String, String> values = required();
        values.put("timeout", "30s");
        ProviderSettings settings = settings(values);

        assertThat(settings.isGiven("timeout")).isTrue();
        assertThat(settings.isGiven("retries")).isFalse();
        assertThat(settings.find("retries")).contains("3");
    }

    @Test
    void explainsAMissingValueWithoutDefault() {
        assertThatThrownBy(() -> settings(required()).get("region")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'region'").hasMessageContaining("find()");
    }

    @Test
    void refusesUndeclaredSettings() {
        Map<String, String> values = required();
        values.put("colour", "blue");

        assertThatThrownBy(() -> settings(values)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'colour' is not a declared setting of Example");
        assertThatThrownBy(() -> settings(required()).find("colour")).isInstanceOf(IllegalArgumentException.class);
    }
}
