package dev.apiauth.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void textIsTheStrippedStringOfAField() {
        Map<String, Object> error = new HashMap<>();
        error.put("message", "  Client unknown \n");
        error.put("blank", "  ");
        error.put("number", 7);
        error.put("list", List.of("x"));
        error.put("null", null);

        assertThat(Json.text(error, "message")).contains("Client unknown");
        for (String field : List.of("blank", "number", "list", "null", "absent")) {
            assertThat(Json.text(error, field)).as(field).isEmpty();
        }
    }
}
