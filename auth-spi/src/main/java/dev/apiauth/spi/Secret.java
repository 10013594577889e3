package dev.apiauth.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A sensitive value (client secret, password, API key, refresh token) that never prints itself.
 * {@link #toString()} is always redacted; read the value with {@link #reveal()} at the one place
 * that has to send it.
 */
@Api(status = Api.Status.STABLE)
public final class Secret {
    private static final String REDACTED = "Secret[REDACTED]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a non-empty value.
     *
     * @param value the sensitive value
     * @return the secret
     * @throws IllegalArgumentException if the value is empty
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** {@return the plain value} Call only where the value is sent to the vendor. */
    public String reveal() {
        return value;
    }

    /**
     * {@return a short, non-reversible identifier of the value (first 16 hex digits of its SHA-256)}
     * It keys shared state such as a rate budget without holding the secret itself.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        // Constant time, so comparing secrets does not leak their prefix through timing.
        return other instanceof Secret that
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
