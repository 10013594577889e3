package dev.apiauth.tck;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a vendor's token endpoint is called and how it answers, in the vendor's own shapes. Needed by
 * every fixture that declares {@link dev.apiauth.spi.Capability#TOKEN_ENDPOINT}.
 *
 * <pre>{@code
 * TokenEndpointFixture.builder()
 *         .request(() -> post(urlPathEqualTo("/oauth/token"))
 *                 .withBasicAuth("tck-client", "tck-secret-7f3a9c")
 *                 .withRequestBody(equalTo("grant_type=client_credentials")))
 *         .success(token -> okJson("{\"access_token\":\"" + token.value() + "\",\"expires_in\":"
 *                 + token.expiresInSeconds() + ",\"token_type\":\"bearer\"}"))
 *         .rejectedCredentials(aResponse().withStatus(401)
 *                 .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Bad client\"}"), "Bad client")
 *         .serverError(aResponse().withStatus(503).withBody("{\"error\":\"temporarily_unavailable\"}"))
 *         .build();
 * }</pre>
 */
public final class TokenEndpointFixture {
    /** The shape of the access tokens the vendor issues. */
    public enum TokenFormat {
        /** An opaque string; its lifetime travels in the response (e.g. {@code expires_in}). */
        OPAQUE,
        /** A JWT whose {@code exp} claim carries the expiry (the TCK signs nothing: the provider must not verify). */
        JWT
    }

    private final Supplier<MappingBuilder> request;
    private final Function<IssuedToken, ResponseDefinitionBuilder> success;
    private final List<Function<IssuedToken, ResponseDefinitionBuilder>> successVariants;
    private final ResponseDefinitionBuilder rejectedCredentials;
    private final String rejectionMessage;
    private final ResponseDefinitionBuilder serverError;
    private final Function<Duration, ResponseDefinitionBuilder> rateLimited;
    private final TokenFormat tokenFormat;
    private final boolean alsoIssuesTokensWithoutLifetime;

    private TokenEndpointFixture(Builder builder) {
        this.request = builder.request;
        this.success = builder.success;
        List<Function<IssuedToken, ResponseDefinitionBuilder>> variants = new ArrayList<>();
        variants.add(builder.success);
        variants.addAll(builder.otherSuccesses);
        this.successVariants = List.copyOf(variants);
        this.rejectedCredentials = builder.rejectedCredentials;
        this.rejectionMessage = builder.rejectionMessage;
        this.serverError = builder.serverError;
        this.rateLimited = builder.rateLimited;
        this.tokenFormat = builder.tokenFormat;
        this.alsoIssuesTokensWithoutLifetime = builder.alsoIssuesTokensWithoutLifetime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new matcher of the exact token request the provider must send (called once per stub). */
    public MappingBuilder request() {
        return Objects.requireNonNull(request.get(), "the token request supplier returned null");
    }

    /** The vendor's (main) success answer carrying {@code token}. */
    public ResponseDefinitionBuilder success(IssuedToken token) {
        return Objects.requireNonNull(success.apply(token), "the success answer function returned null");
    }

    /**
     * Every shape of the vendor's success answer: {@link Builder#success} first, then those added
     * with {@link Builder#alsoSucceedsWith}. R6.5 checks the lifetime of tokens from each.
     */
    public List<Function<IssuedToken, ResponseDefinitionBuilder>> successVariants() {
        return successVariants;
    }

    /** The vendor's answer to credentials it refuses. */
    public ResponseDefinitionBuilder rejectedCredentials() {
        return rejectedCredentials;
    }

    /** The vendor's message in {@link #rejectedCredentials()} that the provider's error must carry. */
    public String rejectionMessage() {
        return rejectionMessage;
    }

    /** The vendor's answer when it fails (a 5xx). */
    public ResponseDefinitionBuilder serverError() {
        return serverError;
    }

    /** The vendor's "too many requests" answer asking to wait {@code retryAfter}. */
    public ResponseDefinitionBuilder rateLimited(Duration retryAfter) {
        return Objects.requireNonNull(rateLimited.apply(retryAfter), "the rate-limited answer function returned null");
    }

    public TokenFormat tokenFormat() {
        return tokenFormat;
    }

    /**
     * Whether the vendor also issues tokens without any lifetime (no {@code expires_in}, not a JWT),
     * for providers that declare {@link dev.apiauth.spi.Capability#EXPIRING_TOKENS} but must cope with
     * both (e.g. doo). Providers without that capability always get tokens without a lifetime.
     */
    public boolean alsoIssuesTokensWithoutLifetime() {
        return alsoIssuesTokensWithoutLifetime;
    }

    @Override
    public String toString() {
        return "TokenEndpointFixture[format=" + tokenFormat + "]";
    }

    /** Builds a {@link TokenEndpointFixture}; {@link #build()} names every missing part. */
    public static final class Builder {
        private Supplier<MappingBuilder> request;
        private Function<IssuedToken, ResponseDefinitionBuilder> success;
        private final List<Function<IssuedToken, ResponseDefinitionBuilder>> otherSuccesses = new ArrayList<>();
        private ResponseDefinitionBuilder rejectedCredentials;
        private String rejectionMessage;
        private ResponseDefinitionBuilder serverError;
        private Function<Duration, ResponseDefinitionBuilder> rateLimited;
        private TokenFormat tokenFormat = TokenFormat.OPAQUE;
        private boolean alsoIssuesTokensWithoutLifetime;

        private Builder() {
        }

        /**
         * The exact token request: method, path, query, headers and body as WireMock matchers. A new
         * {@link MappingBuilder} per call (the TCK adds the answer to it). Declare every place a
         * credential travels (e.g. {@code withBasicAuth}, a header, a body or query parameter): rule
         * R3.2 fails when a secret shows up anywhere else.
         */
        public Builder request(Supplier<MappingBuilder> matcher) {
            this.request = Objects.requireNonNull(matcher, "matcher");
            return this;
        }

        /**
         * The vendor's success answer for a token. Put {@link IssuedToken#value()} where the vendor
         * puts the token and, when {@link IssuedToken#lifetime()} is present, announce it the way the
         * vendor does (e.g. {@code expires_in}); when it is empty, answer without a lifetime.
         */
        public Builder success(Function<IssuedToken, ResponseDefinitionBuilder> answer) {
            this.success = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /**
         * Another shape of the vendor's success answer, e.g. {@code expires_in} as a string where
         * {@link #success} sends a number. Every rule uses {@link #success}; R6.5 also obtains tokens
         * with each of these and checks the provider reads their lifetime. (A success answer that
         * varies with the token, e.g. by {@link IssuedToken#sequence()}, is checked for several
         * tokens as well.)
         */
        public Builder alsoSucceedsWith(Function<IssuedToken, ResponseDefinitionBuilder> answer) {
            otherSuccesses.add(Objects.requireNonNull(answer, "answer"));
            return this;
        }

        /**
         * The vendor's answer to bad credentials (a 4xx in its own error shape) and the vendor message
         * in it that the provider's {@link dev.apiauth.spi.CredentialsRejectedException} must carry.
         */
        public Builder rejectedCredentials(ResponseDefinitionBuilder answer, String vendorMessage) {
            this.rejectedCredentials = Objects.requireNonNull(answer, "answer");
            this.rejectionMessage = Objects.requireNonNull(vendorMessage, "vendorMessage");
            return this;
        }

        /** The vendor's answer when it fails on its side (a 5xx in its own shape). */
        public Builder serverError(ResponseDefinitionBuilder answer) {
            this.serverError = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /**
         * The vendor's 429 answer asking to wait the given time. Optional: by default the server-error
         * answer with status 429 and {@code Retry-After: <seconds>}.
         */
        public Builder rateLimited(Function<Duration, ResponseDefinitionBuilder> answer) {
            this.rateLimited = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /** The vendor's token format; {@link TokenFormat#OPAQUE} unless set. */
        public Builder tokenFormat(TokenFormat format) {
            this.tokenFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** See {@link TokenEndpointFixture#alsoIssuesTokensWithoutLifetime()}. */
        public Builder alsoIssuesTokensWithoutLifetime(boolean value) {
            this.alsoIssuesTokensWithoutLifetime = value;
            return this;
        }

        /** @throws TckConfigurationException naming every missing or invalid part */
        public TokenEndpointFixture build() {
            List<String> problems = new ArrayList<>();
            if (request == null) {
                problems.add("the token endpoint fixture has no request(...): declare the exact token request");
            }
            if (success == null) {
                problems.add("the token endpoint fixture has no success(...): declare the vendor's success answer");
            }
            if (rejectedCredentials == null) {
                problems.add("the token endpoint fixture has no rejectedCredentials(...): declare the vendor's answer"
                        + " to bad credentials and the message in it");
            } else {
                int status = rejectedCredentials.build().getStatus();
                if (status < 400 || status > 499) {
                    problems.add("rejectedCredentials(...) answers HTTP " + status + "; a vendor refuses credentials"
                            + " with a 4xx");
                }
                if (rejectionMessage.isBlank()) {
                    problems.add("rejectedCredentials(...) needs the vendor message the provider's error must carry");
                }
            }
            if (serverError == null) {
                problems.add("the token endpoint fixture has no serverError(...): declare the vendor's 5xx answer");
            } else if (serverError.build().getStatus() < 500) {
                problems.add("serverError(...) answers HTTP " + serverError.build().getStatus() + "; it must be a 5xx");
            }
            if (!problems.isEmpty()) {
                throw new TckConfigurationException(problems);
            }
            if (rateLimited == null) {
                ResponseDefinitionBuilder error = serverError;
                rateLimited = wait -> ResponseDefinitionBuilder.like(error.build())
                        .withStatus(429)
                        .withHeader("Retry-After", Long.toString(wait.toSeconds()));
            }
            return new TokenEndpointFixture(this);
        }
    }
}
