package dev.apiauth.spi;

import dev.apiauth.spi.http.Urls;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to a token endpoint: method, URL (with query), headers and an optional form or JSON
 * body. Prints without header values or body, which hold credentials.
 */
@Api(status = Api.Status.STABLE)
public final class EndpointRequest {
    /** HTTP methods token endpoints use. */
    public enum Method {
        /** {@code GET}: parameters in the query, no body. */
        GET,
        /** {@code POST}: parameters in a form or JSON body. */
        POST
    }

    /** A request body. */
    public sealed interface Body permits FormBody, JsonBody {
        /** {@return the media type the engine sends it as} */
        String contentType();
    }

    /**
     * An {@code application/x-www-form-urlencoded} body, parameters in order.
     *
     * @param parameters the form parameters, in the order they are sent
     */
    public record FormBody(Map<String, String> parameters) implements Body {
        /**
         * Copies the parameters, keeping their order.
         *
         * @param parameters the form parameters
         */
        public FormBody {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        @Override
        public String contentType() {
            return "application/x-www-form-urlencoded";
        }

        @Override
        public String toString() {
            return "FormBody" + parameters.keySet();
        }
    }

    /**
     * An {@code application/json} body made of plain Java values.
     *
     * @param fields the top-level fields: strings, numbers, booleans, lists and maps of those
     */
    public record JsonBody(Map<String, Object> fields) implements Body {
        /**
         * Copies the fields, keeping their order.
         *
         * @param fields the top-level fields
         */
        public JsonBody {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public String toString() {
            return "JsonBody" + fields.keySet();
        }
    }

    private final Method method;
    private final URI uri;
    private final Map<String, String> headers;
    private final Body body;

    private EndpointRequest(Builder builder) {
        this.method = builder.method;
        this.uri = Urls.withQuery(builder.uri, builder.query);
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.body = builder.body;
        if (method == Method.GET && body != null) {
            throw new IllegalArgumentException("a GET request cannot have a body; use query parameters");
        }
    }

    /**
     * Starts a {@code GET} request.
     *
     * @param uri the endpoint, without the query parameters added with {@link Builder#query}
     * @return a builder for the request
     */
    public static Builder get(URI uri) {
        return new Builder(Method.GET, uri);
    }

    /**
     * Starts a {@code POST} request.
     *
     * @param uri the endpoint
     * @return a builder for the request
     */
    public static Builder post(URI uri) {
        return new Builder(Method.POST, uri);
    }

    /** {@return the HTTP method} */
    public Method method() {
        return method;
    }

    /** {@return the full URL, query included} */
    public URI uri() {
        return uri;
    }

    /**
     * {@return the headers in the order set}
     * {@code Content-Type} comes from the body.
     */
    public Map<String, String> headers() {
        return headers;
    }

    /** {@return the body, empty for a {@code GET}} */
    public Optional<Body> body() {
        return Optional.ofNullable(body);
    }

    @Override
    public String toString() {
        return "EndpointRequest[" + method + " " + Urls.redacted(uri) + ", headers=" + headers.keySet() + ", body=" + body
                + "]";
    }

    /** Builds an {@link EndpointRequest}. */
    public static final class Builder {
        private final Method method;
        private final URI uri;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Body body;

        private Builder(Method method, URI uri) {
            this.method = method;
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * Adds a query parameter, percent-encoded per RFC 3986 (a space becomes {@code %20}).
         *
         * @param name the parameter's name
         * @param value its value
         * @return this builder
         */
        public Builder query(String name, String value) {
            query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        /**
         * Sets a header.
         *
         * @param name the header's name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        /**
         * Sends a form body.
         *
         * @param parameters the form parameters, in order
         * @return this builder
         */
        public Builder form(Map<String, String> parameters) {
            this.body = new FormBody(parameters);
            return this;
        }

        /**
         * Sends a JSON body.
         *
         * @param fields the top-level fields
         * @return this builder
         */
        public Builder json(Map<String, Object> fields) {
            this.body = new JsonBody(fields);
            return this;
        }

        /**
         * {@return the request}
         *
         * @throws IllegalArgumentException if a {@code GET} request has a body
         */
        public EndpointRequest build() {
            return new EndpointRequest(this);
        }
    }
}
