package dev.apiauth.core.internal;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.Json;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The engine's {@link Json}: Jackson 3's streaming parser and generator, plain Java types, trailing
 * garbage refused. Streaming rather than a {@code JsonMapper}: token responses are small maps, and
 * databind's start-up (about 460 classes, a third of an application's first token) bought nothing
 * the engine needs; auth-core depends on {@code jackson-core} only.
 */
@Api(status = Api.Status.INTERNAL)
public final class JacksonJson implements Json {
    /** The shared instance; the factory is thread-safe. */
    public static final JacksonJson INSTANCE = new JacksonJson();

    private final JsonFactory factory = new JsonFactory();

    private JacksonJson() {
    }

    @Override
    public Object parse(String text) {
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("not valid JSON (no content)");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("not valid JSON (trailing content at offset "
                        + parser.currentTokenLocation().getCharOffset() + ")");
            }
            return value;
        } catch (JacksonException e) {
            // Jackson's message may quote the input, which can hold a token: report the position only.
            throw new IllegalArgumentException("not valid JSON (" + e.getClass().getSimpleName() + " at "
                    + (e.getLocation() == null ? "unknown position" : "offset " + e.getLocation().getCharOffset()) + ")");
        }
    }

    private static Object read(JsonParser parser, JsonToken token) {
        if (token == null) {
            throw unexpected(null);
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    if (next != JsonToken.PROPERTY_NAME) {
                        throw unexpected(next);
                    }
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw unexpected(token);
        }
    }

    /** The parser reports malformed input itself; this guards the loops above against anything it lets through. */
    private static IllegalArgumentException unexpected(JsonToken token) {
        return new IllegalArgumentException("not valid JSON (" + (token == null ? "unexpected end of input"
                : "unexpected " + token) + ")");
    }

    @Override
    public String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, value, Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getClass().getSimpleName());
        }
        return out.toString();
    }

    private static void write(JsonGenerator out, Object value, Set<Object> open) {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger number) {
            out.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof Double || value instanceof Float) {
            out.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            enter(open, map);
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("value cannot be written as JSON: a map key is not a String");
                }
                out.writeName(name);
                write(out, entry.getValue(), open);
            }
            out.writeEndObject();
            open.remove(map);
        } else if (value instanceof Iterable<?> items) {
            enter(open, items);
            out.writeStartArray();
            for (Object item : items) {
                write(out, item, open);
            }
            out.writeEndArray();
            open.remove(items);
        } else {
            throw new IllegalArgumentException("value cannot be written as JSON: " + value.getClass().getSimpleName()
                    + " is not a plain JSON type");
        }
    }

    private static void enter(Set<Object> open, Object container) {
        if (!open.add(container)) {
            throw new IllegalArgumentException("value cannot be written as JSON: it contains itself");
        }
    }
}
