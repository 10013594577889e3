package dev.apiauth.redis;

/** Redis could not be used for this call; the caller falls back to per-instance behaviour. */
final class RedisUnavailableException extends Exception {
    /** Thrown without a stack trace while Redis is known to be down, so failing fast costs nothing. */
    static final RedisUnavailableException KNOWN_DOWN = new RedisUnavailableException(null);

    RedisUnavailableException(Throwable cause) {
        super(cause == null ? "Redis is unreachable" : "Redis is unreachable: " + cause.getClass().getSimpleName(),
                cause, false, cause != null);
    }
}
