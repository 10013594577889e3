package dev.apiauth.reliability.support;

import dev.apiauth.spi.FormEncoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every secret the reliability tests hand to the engine, so the leak scan knows what must never be
 * printed: the fixtures' client secrets, passwords, API keys and refresh tokens, the HTTP Basic
 * forms of them, and each access token a stub issued ({@link #register(String)}). Property tests put
 * {@link #MARKER} into every token they generate instead of registering thousands of values.
 */
public final class TestSecrets {
    /** Part of every generated token value; never part of anything else a test prints on purpose. */
    public static final String MARKER = "SeKr1tMarK";

    public static final String DOO_CLIENT_ID = "rel-doo-client";
    public static final String DOO_CLIENT_SECRET = "rel-doo-clientsecret-7f3a9c";
    public static final String DOO_API_KEY = "rel-doo-apikey-5b2e81";
    public static final String DOCPLANNER_CLIENT_ID = "rel-docplanner-client";
    public static final String DOCPLANNER_CLIENT_SECRET = "rel-docplanner-clientsecret-c4d8e2";
    public static final String DOMO_CLIENT_ID = "rel-domo-client";
    public static final String DOMO_CLIENT_SECRET = "rel-domo-clientsecret-9a1b7d";
    public static final String DOCOON_CLIENT_ID = "rel-docoon-client";
    public static final String DOCOON_CLIENT_SECRET = "rel-docoon-clientsecret-2e6f04";
    public static final String DOCOON_LOGIN = "55REL.reliability";
    public static final String DOCOON_PASSWORD = "rel-docoon-password-8d3c51";
    public static final String DOTYPOS_CLIENT_ID = "rel-dotypos-client";
    public static final String DOTYPOS_CLIENT_SECRET = "rel-dotypos-clientsecret-0b4a7e";
    public static final String DOTYPOS_REFRESH_TOKEN = "rel-dotypos-refreshtoken-1f9e6a";
    /** The start of every value the crash-safe store test saves (a refresh token in real use). */
    public static final String STORE_VALUE_PREFIX = dev.apiauth.reliability.store.StoreWriter.VALUE_PREFIX;

    private static final Set<String> ISSUED = new LinkedHashSet<>();

    private TestSecrets() {
    }

    /** The fixed secrets and the HTTP Basic credentials built from them. */
    public static List<String> fixed() {
        List<String> secrets = new ArrayList<>(List.of(DOO_CLIENT_SECRET, DOO_API_KEY, DOCPLANNER_CLIENT_SECRET,
                DOMO_CLIENT_SECRET, DOCOON_CLIENT_SECRET, DOCOON_PASSWORD, DOTYPOS_CLIENT_SECRET,
                DOTYPOS_REFRESH_TOKEN, MARKER, STORE_VALUE_PREFIX));
        secrets.add(basic(DOCPLANNER_CLIENT_ID, DOCPLANNER_CLIENT_SECRET));
        secrets.add(basic(DOMO_CLIENT_ID, DOMO_CLIENT_SECRET));
        secrets.add(basic(DOCOON_CLIENT_ID, DOCOON_CLIENT_SECRET));
        secrets.add(basic(DOCOON_LOGIN, DOCOON_PASSWORD));
        return secrets;
    }

    /** Remembers an access token a stub issued; the leak scan reads these from {@code issued-tokens.txt}. */
    public static synchronized String register(String token) {
        if (ISSUED.add(token)) {
            Reports.append("issued-tokens.txt", token + "\n");
        }
        return token;
    }

    /** The first secret {@code text} contains, or {@code null}. */
    public static synchronized String findIn(String text) {
        if (text == null) {
            return null;
        }
        for (String secret : fixed()) {
            if (text.contains(secret)) {
                return secret;
            }
        }
        for (String token : ISSUED) {
            if (text.contains(token)) {
                return token;
            }
        }
        return null;
    }

    /** Base64 of {@code id:secret} as RFC 6749 §2.3.1 sends it (form-encoded first). */
    private static String basic(String id, String secret) {
        String pair = FormEncoding.formEncode(id) + ":" + FormEncoding.formEncode(secret);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
