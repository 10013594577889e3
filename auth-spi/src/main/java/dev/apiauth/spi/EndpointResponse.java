package dev.apiauth.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A token endpoint's answer: status, headers (names case-insensitive), body text and, when the
 * body is JSON, the parsed value. Prints without the body, which may hold a token.
 */
@Api(status = Api.Status.STABLE)
public final class EndpointResponse {
    private final int status;
    private final Map<String, List<String>> headers;
    private final String body;
    private final Object json;

    /**
     * A token endpoint's answer, as the transport received it.
     *
     * @param status the HTTP status
     * @param headers the headers; names are looked up case-insensitively
     * @param body the body as text, {@code null} for none
     * @param json the parsed body when it is valid JSON other than {@code null}; empty otherwise
     */
    public EndpointResponse(int status, Map<String, List<String>> headers, String body, Optional<Object> json) {
        this.status = status;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            copy.put(header.getKey(), List.copyOf(header.getValue()));
        }
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body == null ? "" : body;
        this.json = json.orElse(null);
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    /** {@return whether the status is 2xx} */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** {@return all headers, names case-insensitive} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return its first value, or empty
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@return the body as text (empty when there was none)} Never log it: it may hold a token. */
    public String body() {
        return body;
    }

    /** {@return the parsed JSON body, or empty when the body is not valid JSON (a JSON {@code null} is empty too)} */
    public Optional<Object> json() {
        return Optional.ofNullable(json);
    }

    /** {@return the body as a JSON object, or empty when it is not one} */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> jsonObject() {
        return json instanceof Map ? Optional.of((Map<String, Object>) json) : Optional.empty();
    }

    /**
     * {@code Retry-After} as a wait from now: delta-seconds or an HTTP-date (RFC 9110 §10.2.3);
     * without it, {@code X-RateLimit-Reset}. Unparseable values are empty, past ones zero.
     *
     * @param clock the clock "now" is read from
     * @return how long to wait, or empty when the answer does not say
     */
    public Optional<Duration> retryAfter(Clock clock) {
        Optional<Duration> retryAfter = header("Retry-After").flatMap(value -> parseRetryAfter(value, clock));
        return retryAfter.isPresent() ? retryAfter : header("X-RateLimit-Reset").flatMap(value -> parseReset(value, clock));
    }

    /** {@code X-RateLimit-Reset} as an ISO-8601 instant (Docplanner) or epoch seconds. */
    private static Optional<Duration> parseReset(String value, Clock clock) {
        String trimmed = value.strip();
        Instant at;
        try {
            at = trimmed.matches("\\d{9,11}") ? Instant.ofEpochSecond(Long.parseLong(trimmed))
                    : java.time.OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    /**
     * Parses a {@code Retry-After} value: delta-seconds or an HTTP-date.
     *
     * @param value the header's value
     * @param clock the clock "now" is read from, for an HTTP-date
     * @return the wait from now (zero for a past date), or empty when the value is neither form
     */
    public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "EndpointResponse[status=" + status + ", contentType=" + header("Content-Type").orElse("none")
                + ", bodyLength=" + body.length() + "]";
    }

    /** {@return the lower-cased media type without parameters, e.g. {@code application/json}} */
    public Optional<String> mediaType() {
        return header("Content-Type").map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
    }
}
