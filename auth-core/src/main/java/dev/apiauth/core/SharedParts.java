package dev.apiauth.core;

import java.util.Objects;

/** {@link SharedState#of}'s value: three parts given separately. */
record SharedParts(SharedTokens tokens, RateBudgets rateBudgets, RejectionNotices rejections) implements SharedState {
    SharedParts {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(rateBudgets, "rateBudgets");
        Objects.requireNonNull(rejections, "rejections");
    }
}
