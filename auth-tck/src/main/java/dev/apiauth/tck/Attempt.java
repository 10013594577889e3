package dev.apiauth.tck;

import java.util.Optional;
import java.util.function.Supplier;

/** The outcome of one call into the engine: a value or the exception it threw, for rules to inspect. */
final class Attempt<T> {
    private final T value;
    private final RuntimeException error;

    private Attempt(T value, RuntimeException error) {
        this.value = value;
        this.error = error;
    }

    static <T> Attempt<T> of(Supplier<T> call) {
        try {
            return new Attempt<>(call.get(), null);
        } catch (RuntimeException e) {
            return new Attempt<>(null, e);
        }
    }

    boolean failed() {
        return error != null;
    }

    T value() {
        if (error != null) {
            throw new IllegalStateException("the attempt failed", error);
        }
        return value;
    }

    Optional<RuntimeException> error() {
        return Optional.ofNullable(error);
    }

    /** The exception as {@code type}, if it is one. */
    <E extends RuntimeException> Optional<E> error(Class<E> type) {
        return type.isInstance(error) ? Optional.of(type.cast(error)) : Optional.empty();
    }

    /** "succeeded" or "threw X: message", secrets redacted, for failure messages. */
    String describe(SecretScanner secrets) {
        return error == null ? "succeeded" : "threw " + Checks.describe(error, secrets);
    }
}
