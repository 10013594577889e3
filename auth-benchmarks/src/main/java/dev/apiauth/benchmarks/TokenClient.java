package dev.apiauth.benchmarks;

/**
 * One library's way to get the {@code Authorization} header for a request, as the harnesses drive
 * it. The JMH hot-path benchmark calls the libraries directly instead, so no interface call is
 * measured there.
 */
public interface TokenClient extends AutoCloseable {
    /** The {@code Authorization} header value for a request now, fetching a token if the library must. */
    String authorization() throws Exception;

    @Override
    default void close() {
    }
}
