package dev.apiauth.spi;

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
}
