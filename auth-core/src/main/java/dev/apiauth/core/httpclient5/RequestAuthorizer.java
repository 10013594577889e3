package dev.apiauth.core.httpclient5;

import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import java.util.Objects;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

/**
 * What the classic and the async handler do alike: pace, put the current credentials on a request,
 * and recognise a response that rejects the token used. Each handler only adds its own way of
 * copying the request and of sending it again.
 */
final class RequestAuthorizer {
    private final Credentials credentials;

    RequestAuthorizer(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** Waits for the rate budget, then sets the current headers on {@code request}; returns what it used. */
    Authorization authorize(HttpRequest request) {
        credentials.pace();
        Authorization used = credentials.authorization();
        used.headers().forEach(request::setHeader);
        return used;
    }

    /**
     * Whether {@code response} says the API no longer accepts {@code used}; if so, reports it to the
     * credentials (compare-and-refresh: only the first of many such reports drops the token).
     */
    boolean rejects(HttpResponse response, Authorization used) {
        if (!credentials.tokenRejectedStatuses().contains(response.getCode())) {
            return false;
        }
        credentials.rejected(used);
        return true;
    }

    String providerId() {
        return credentials.providerId();
    }
}
