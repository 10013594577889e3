package dev.apiauth.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.apiauth.core.internal.JacksonJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answers rules script on the fake token endpoint: the fixture's vendor answers and broken ones. */
final class TokenAnswers {
    private TokenAnswers() {
    }

    /** The vendor's success answer with a newly issued token. */
    static ResponseDefinition success(Tck tck, ServeEvent request) {
        return tck.endpoint().success(tck.issuer.issue(true)).build();
    }

    /** The vendor's success answer in its {@code variant}-th shape (0: the main one) with a newly issued token. */
    static TokenAnswer successVariant(int variant) {
        return (tck, request) -> tck.endpoint().successVariants().get(variant).apply(tck.issuer.issue(true)).build();
    }

    /**
     * The vendor's success answer with every JSON member that carries the token removed; empty when
     * the answer is not JSON or the token is not in a JSON string of it.
     */
    static Optional<ResponseDefinition> successWithoutToken(Tck tck) {
        IssuedToken token = tck.issuer.issue(false);
        ResponseDefinition success = tck.endpoint().success(token).build();
        String body = success.getBody();
        if (body == null) {
            return Optional.empty();
        }
        Object json;
        try {
            json = JacksonJson.INSTANCE.parse(body);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!(json instanceof Map) || !removeToken(json, token.value())) {
            return Optional.empty();
        }
        ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(success).withBody(JacksonJson.INSTANCE.write(json));
        return Optional.of(answer.build());
    }

    /** Removes, at any depth, the members whose text contains {@code token}; whether any was removed. */
    private static boolean removeToken(Object json, String token) {
        boolean removed = false;
        if (json instanceof Map<?, ?> object) {
            removed = object.values().removeIf(value -> value instanceof String text && text.contains(token));
            for (Object value : object.values()) {
                removed |= removeToken(value, token);
            }
        } else if (json instanceof List<?> array) {
            for (Object value : array) {
                removed |= removeToken(value, token);
            }
        }
        return removed;
    }

    static ResponseDefinition rejected(Tck tck, ServeEvent request) {
        return tck.endpoint().rejectedCredentials().build();
    }

    static ResponseDefinition serverError(Tck tck, ServeEvent request) {
        return tck.endpoint().serverError().build();
    }

    static TokenAnswer rateLimited(Duration retryAfter) {
        return (tck, request) -> tck.endpoint().rateLimited(retryAfter).build();
    }

    /** An error page from a proxy or a wrong URL: 200, HTML. */
    static ResponseDefinition html(Tck tck, ServeEvent request) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html><head><title>Sign in</title></head>"
                        + "<body><h1>Please sign in to continue</h1></body></html>")
                .build();
    }

    /** 200 with the vendor's content type and no body at all. */
    static ResponseDefinition empty(Tck tck, ServeEvent request) {
        ResponseDefinition success = tck.endpoint().success(tck.issuer.issue(false)).build();
        ResponseDefinitionBuilder empty = aResponse().withStatus(success.getStatus());
        contentType(success).ifPresent(type -> empty.withHeader("Content-Type", type));
        return empty.withBody("").build();
    }

    /** The vendor's success answer cut off in the middle. */
    static ResponseDefinition truncated(Tck tck, ServeEvent request) {
        ResponseDefinition success = tck.endpoint().success(tck.issuer.issue(false)).build();
        String body = success.getBody() == null ? "" : success.getBody();
        ResponseDefinitionBuilder cut = aResponse().withStatus(success.getStatus());
        contentType(success).ifPresent(type -> cut.withHeader("Content-Type", type));
        return cut.withBody(body.substring(0, body.length() / 2)).build();
    }

    /** The success answer, but only after {@code delay}. */
    static TokenAnswer delayed(Duration delay) {
        return (tck, request) -> ResponseDefinitionBuilder.like(success(tck, request))
                .withFixedDelay((int) delay.toMillis()).build();
    }

    static TokenAnswer redirectTo(String location) {
        return (tck, request) -> aResponse().withStatus(307).withHeader("Location", location).build();
    }

    private static Optional<String> contentType(ResponseDefinition definition) {
        if (definition.getHeaders() == null || !definition.getHeaders().getHeader("Content-Type").isPresent()) {
            return Optional.empty();
        }
        return Optional.of(definition.getHeaders().getHeader("Content-Type").firstValue());
    }
}
