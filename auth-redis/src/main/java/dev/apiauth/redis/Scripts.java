package dev.apiauth.redis;

/**
 * The Lua scripts that make a lease, a fenced store and a rejection atomic. Redis runs a script
 * without interleaving other commands, which is what "compare and set" needs here.
 */
final class Scripts {
    private Scripts() {
    }

    /**
     * KEYS: lease, fence counter. ARGV: holder (random), lease milliseconds. Takes the lease if free
     * and returns the new fence (1, 2, …); 0 when another instance holds it.
     */
    static final String ACQUIRE = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return redis.call('INCR', KEYS[2])
            end
            return 0
            """;

    /**
     * KEYS: token, fence counter, lease. ARGV: fence, holder, token id, sealed token, TTL
     * milliseconds, channel, message. Stores only while {@code fence} is the latest one handed out
     * and no other instance holds the lease, so a holder that stalled past its lease cannot
     * overwrite the token of the instance that took over; returns 1 when stored.
     */
    static final String STORE = """
            if redis.call('GET', KEYS[2]) ~= ARGV[1] then
              return 0
            end
            local holder = redis.call('GET', KEYS[3])
            if holder and holder ~= ARGV[2] then
              return 0
            end
            redis.call('HSET', KEYS[1], 'fence', ARGV[1], 'id', ARGV[3], 'rejected', '0', 'token', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('PUBLISH', ARGV[6], ARGV[7])
            return 1
            """;

    /** KEYS: lease. ARGV: holder. Releases the lease only if this holder still has it. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    /**
     * KEYS: token. ARGV: token id, channel, message. Marks the shared token rejected only if it is
     * still the one rejected (compare-and-refresh by identity) and announces it once; returns 1 then.
     */
    static final String REJECT = """
            if redis.call('HGET', KEYS[1], 'id') == ARGV[1] and redis.call('HGET', KEYS[1], 'rejected') ~= '1' then
              redis.call('HSET', KEYS[1], 'rejected', '1')
              redis.call('PUBLISH', ARGV[2], ARGV[3])
              return 1
            end
            return 0
            """;
}
