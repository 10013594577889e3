package dev.apiauth.reliability.support;

/**
 * Records what the engine shows people besides logs — exception messages (the whole cause chain)
 * and {@code toString()}s — in {@code target/reliability/texts.log}, for the leak scan, and checks
 * them at once: a secret in any of them fails the calling test.
 */
public final class Transcript {
    private Transcript() {
    }

    /**
     * Records {@code value}'s {@code toString()}, and for a throwable every message and
     * {@code toString()} down its cause chain.
     *
     * @return the recorded text
     * @throws AssertionError when the text contains a test secret
     */
    public static String record(String context, Object value) {
        StringBuilder text = new StringBuilder();
        if (value instanceof Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
                text.append(t).append('\n');
                for (Throwable suppressed : t.getSuppressed()) {
                    text.append("suppressed: ").append(suppressed).append('\n');
                }
            }
        } else {
            text.append(value).append('\n');
        }
        String recorded = text.toString();
        Reports.append("texts.log", "[" + context + "] " + recorded);
        String secret = TestSecrets.findIn(recorded);
        if (secret != null) {
            throw new AssertionError(context + ": a secret appears in what the engine prints: " + recorded);
        }
        return recorded;
    }
}
