package dev.apiauth.reliability.properties;

import dev.apiauth.spi.AuthException;

/** What counts as "a token or one of the typed exceptions, never anything else". */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * Whether {@code thrown} is an {@link AuthException} that is not the engine's wrapper of an
     * unexpected exception (an {@code AuthException} caused by anything but another {@code AuthException}).
     */
    static boolean typed(Throwable thrown) {
        return thrown instanceof AuthException
                && (thrown.getCause() == null || thrown.getCause() instanceof AuthException);
    }

    /** A short label: the exception's simple name, or "token". */
    static String label(Throwable thrown) {
        return thrown == null ? "token" : thrown.getClass().getSimpleName();
    }
}
