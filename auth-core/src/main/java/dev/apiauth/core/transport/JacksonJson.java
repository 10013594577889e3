package dev.apiauth.core.transport;

import dev.apiauth.spi.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The engine's {@link Json}: Jackson 3, plain Java types, trailing garbage refused. */
public final class JacksonJson implements Json {
    /** The shared instance; Jackson mappers are thread-safe. */
    public static final JacksonJson INSTANCE = new JacksonJson();

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JacksonJson() {
    }

    @Override
    public Object parse(String text) {
        try {
            return mapper.readValue(text, Object.class);
        } catch (JacksonException e) {
            // Jackson's message may quote the input, which can hold a token: report the position only.
            throw new IllegalArgumentException("not valid JSON (" + e.getClass().getSimpleName() + " at "
                    + (e.getLocation() == null ? "unknown position" : "offset " + e.getLocation().getCharOffset()) + ")");
        }
    }

    @Override
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getClass().getSimpleName());
        }
    }
}
