package dev.apiauth.spring.boot;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import java.util.Objects;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Puts an account's credentials on every request of a {@code WebClient}: waits for the provider's
 * rate budget, adds the headers, and when the API answers 401 (or another status the provider
 * declares as "token rejected") drops that token and sends the request once more with a new one,
 * if the request can be repeated. It never loops: a second rejection is returned to the caller.
 *
 * <pre>{@code
 * WebClient domo = builder.filter(filters.forAccount("domo")).build();
 * }</pre>
 *
 * <p>A request without a body can always be repeated. A body may be a one-shot stream, which the
 * filter cannot tell from a value, so a request with a body is repeated only when it carries the
 * attribute {@link #REPEATABLE_BODY} ({@code .attribute(ApiAuthExchangeFilter.REPEATABLE_BODY, true)},
 * right for {@code bodyValue(…)} and form bodies); otherwise its 401 is returned, and the next
 * request gets the new token.
 *
 * <p>Pacing waits and token requests block, so they run on Reactor's bounded elastic scheduler,
 * never on an event-loop thread.
 */
public final class ApiAuthExchangeFilter implements ExchangeFilterFunction {
    /** Request attribute: {@code true} when the request's body can be written a second time. */
    public static final String REPEATABLE_BODY = ApiAuthExchangeFilter.class.getName() + ".repeatableBody";

    private final Credentials credentials;

    private ApiAuthExchangeFilter(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** A filter for {@code credentials}. */
    public static ApiAuthExchangeFilter of(Credentials credentials) {
        return new ApiAuthExchangeFilter(credentials);
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return authorize().flatMap(used -> next.exchange(authorized(request, used)).flatMap(response -> {
            if (!credentials.tokenRejectedStatuses().contains(response.statusCode().value())) {
                return Mono.just(response);
            }
            credentials.rejected(used);
            if (!repeatable(request)) {
                return Mono.just(response);
            }
            return response.releaseBody().then(authorize())
                    .flatMap(fresh -> next.exchange(authorized(request, fresh)));
        }));
    }

    private Mono<Authorization> authorize() {
        return Mono.fromCallable(() -> {
            credentials.pace();
            return credentials.authorization();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static ClientRequest authorized(ClientRequest request, Authorization authorization) {
        return ClientRequest.from(request).headers(headers -> authorization.headers().forEach(headers::set)).build();
    }

    private static boolean repeatable(ClientRequest request) {
        return request.body() == BodyInserters.empty()
                || Boolean.TRUE.equals(request.attribute(REPEATABLE_BODY).orElse(null));
    }

    @Override
    public String toString() {
        return "ApiAuthExchangeFilter[" + credentials.providerId() + "]";
    }
}
