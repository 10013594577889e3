/**
 * The apiauth engine: finds providers with {@link java.util.ServiceLoader}, validates settings and
 * keeps each account's token fresh; integrations for HttpClient 5 and the JDK's HTTP client.
 *
 * <p>{@code dev.apiauth.core.internal} (the Jackson-backed JSON, shared executors) is exported only
 * to apiauth's own modules that read and write JSON the way the engine does.
 */
// The qualified exports name modules built after this one, which javac cannot see yet ("module not found");
// HttpClient 5 and Bucket4j are automatic modules (a name in their manifests, no module-info) and so named as such.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module dev.apiauth.core {
    requires transitive dev.apiauth.spi;
    // The HttpClient 5 handlers are that integration's point: their signatures name its types.
    requires transitive org.apache.httpcomponents.client5.httpclient5;
    requires transitive org.apache.httpcomponents.core5.httpcore5;
    requires transitive java.net.http;
    requires tools.jackson.core;
    requires org.slf4j;
    requires io.github.bucket4j.core;

    exports dev.apiauth.core;
    exports dev.apiauth.core.httpclient5;
    exports dev.apiauth.core.jdkhttp;
    exports dev.apiauth.core.store;
    exports dev.apiauth.core.transport;
    exports dev.apiauth.core.internal to
            dev.apiauth.tck,
            dev.apiauth.redis,
            dev.apiauth.cli,
            dev.apiauth.simulator,
            dev.apiauth.shapes;

    uses dev.apiauth.spi.AuthProvider;
}
