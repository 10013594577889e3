package dev.apiauth.spi;

import java.util.Map;
import java.util.Optional;

/** JSON reading and writing with plain Java types, implemented by the engine. */
@Api(status = Api.Status.STABLE)
public interface Json {
    /**
     * Parses JSON text into {@code Map<String, Object>}, {@code List<Object>}, {@code String},
     * {@code Number}, {@code Boolean} or {@code null}.
     *
     * @param text the JSON text
     * @return the value it holds
     * @throws IllegalArgumentException not valid JSON; the message does not quote the input
     */
    Object parse(String text);

    /**
     * Writes plain Java values (maps, lists, strings, numbers, booleans, null) as JSON text.
     *
     * @param value the value
     * @return its JSON text
     * @throws IllegalArgumentException if the value holds another type
     */
    String write(Object value);

    /**
     * A text field of a parsed JSON object, such as a vendor's error message: the string without
     * surrounding white space, or empty when the field is absent, not a string, or blank.
     *
     * @param object a JSON object as {@link #parse(String)} returns it
     * @param field the field's name
     * @return the stripped text, if any
     */
    static Optional<String> text(Map<String, ?> object, String field) {
        return object.get(field) instanceof String text && !text.isBlank() ? Optional.of(text.strip()) : Optional.empty();
    }
}
