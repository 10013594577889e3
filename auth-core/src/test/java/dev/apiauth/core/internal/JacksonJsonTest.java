package dev.apiauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacksonJsonTest {
    private static final JacksonJson JSON = JacksonJson.INSTANCE;
    private static final String TOKEN = "at-SECRET-in-json";

    @Test
    void parsesObjectsToMapsWithPlainValues() {
        Object parsed = JSON.parse("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"ratio\":0.5,"
                + "\"big\":12345678901,\"huge\":123456789012345678901234567890,\"ok\":true,\"none\":null,"
                + "\"scopes\":[\"a\",\"b\"],\"nested\":{\"x\":1}}");

        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) parsed;
        assertThat(map.get("access_token")).isEqualTo(TOKEN);
        assertThat(map.get("expires_in")).isInstanceOf(Number.class).isEqualTo(3600);
        assertThat(map.get("ratio")).isEqualTo(0.5);
        assertThat(map.get("big")).isEqualTo(12345678901L);
        assertThat(map.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(map.get("ok")).isEqualTo(Boolean.TRUE);
        assertThat(map.containsKey("none")).isTrue();
        assertThat(map.get("none")).isNull();
        assertThat(map.get("scopes")).isEqualTo(List.of("a", "b"));
        assertThat(map.get("nested")).isEqualTo(Map.of("x", 1));
    }

    @Test
    void keepsTheOrderOfObjectFields() {
        Map<?, ?> map = (Map<?, ?>) JSON.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("z", "a", "m"));
    }

    @Test
    void parsesArraysAndScalars() {
        assertThat(JSON.parse("[1, \"two\", 3.5, false]")).isEqualTo(Arrays.asList(1, "two", 3.5, false));
        assertThat(JSON.parse("42")).isEqualTo(42);
        assertThat(JSON.parse("\"text\"")).isEqualTo("text");
        assertThat(JSON.parse("null")).isNull();
        assertThat(JSON.parse("  {}  \n")).isEqualTo(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "[1] ]", "1 2", "\"a\" x"})
    void refusesTrailingGarbage(String text) {
        assertThatThrownBy(() -> JSON.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<html>" + TOKEN + "</html>", "{\"access_token\":\"" + TOKEN + "\"",
            "{access_token:" + TOKEN + "}", "{\"access_token\":\"" + TOKEN + "\",}", TOKEN,
            "{\"a\":\"" + TOKEN + "\" \"b\":1}"})
    void refusesInvalidJsonWithoutQuotingTheInput(String text) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> JSON.parse(text));

        assertThat(e).hasMessageStartingWith("not valid JSON (").hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("access_token");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void writesPlainValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("grant_type", "password");
        value.put("n", 3);
        value.put("list", List.of("a", true));
        value.put("nothing", null);

        String written = JSON.write(value);

        assertThat(written).isEqualTo("{\"grant_type\":\"password\",\"n\":3,\"list\":[\"a\",true],\"nothing\":null}");
        assertThat(JSON.parse(written)).isEqualTo(value);
    }

    @Test
    void refusesToWriteValuesThatAreNotPlainJson() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("password", TOKEN);
        cyclic.put("self", cyclic);

        assertThatThrownBy(() -> JSON.write(cyclic)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("value cannot be written as JSON").hasMessageNotContaining(TOKEN);
    }

    @Test
    void writesEveryKindOfNumberAsJsonNumbers() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("int", 7);
        value.put("long", 12345678901L);
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("decimal", new java.math.BigDecimal("0.125"));
        value.put("double", 2.5);
        value.put("float", 0.5f);

        assertThat(JSON.write(value)).isEqualTo("{\"int\":7,\"long\":12345678901,"
                + "\"big\":123456789012345678901234567890,\"decimal\":0.125,\"double\":2.5,\"float\":0.5}");
    }

    @Test
    void refusesMapKeysThatAreNotStringsAndObjectsThatAreNotPlainJson() {
        assertThatThrownBy(() -> JSON.write(Map.of(1, TOKEN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value cannot be written as JSON: a map key is not a String");
        assertThatThrownBy(() -> JSON.write(List.of(new StringBuilder(TOKEN)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value cannot be written as JSON: StringBuilder is not a plain JSON type");
    }

    @Test
    void parsesWithJacksonCoreAloneSoTheEngineStartsWithoutDatabind() {
        // auth-core depends on jackson-core only: databind cost a third of the first token's time in a fresh JVM.
        assertThatThrownBy(() -> Class.forName("tools.jackson.databind.json.JsonMapper"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(JSON.parse("{\"a\":[1,{\"b\":null}]}")).isEqualTo(Map.of("a", Arrays.asList(1, new LinkedHashMap<>(
                java.util.Collections.singletonMap("b", null)))));
    }
}
