package dev.apiauth.reliability.support;

import dev.apiauth.core.internal.JacksonJson;
import dev.apiauth.provider.docoon.DocoonProvider;
import dev.apiauth.provider.docplanner.DocplannerProvider;
import dev.apiauth.provider.domo.DomoProvider;
import dev.apiauth.provider.doo.DooProvider;
import dev.apiauth.provider.dotypos.DotyposProvider;
import dev.apiauth.shapes.DocoonShapes;
import dev.apiauth.shapes.DocplannerShapes;
import dev.apiauth.shapes.DomoShapes;
import dev.apiauth.shapes.DooShapes;
import dev.apiauth.shapes.DotyposShapes;
import dev.apiauth.shapes.VendorResponse;
import dev.apiauth.spi.AuthProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The five providers as the reliability tests drive them: one dummy account each (docoon in mode
 * password), its token endpoint path, and the vendor's own answers from {@code dev.apiauth.shapes}
 * (success for a given lifetime, the vendor's rejection), plus variants of the success body with the
 * token missing, empty, or with a broken lifetime.
 */
public enum Vendor {
    DOO("/v1/oauth", true) {
        @Override
        public AuthProvider provider() {
            return new DooProvider();
        }

        @Override
        Map<String, String> account() {
            return ordered("client-id", TestSecrets.DOO_CLIENT_ID, "client-secret", TestSecrets.DOO_CLIENT_SECRET,
                    "api-key", TestSecrets.DOO_API_KEY, "pace-requests", "false");
        }

        @Override
        Issued issueWithExpiry(Instant now, Instant expiresAt) {
            String token = DooShapes.accessToken(TestSecrets.DOO_CLIENT_ID, now, expiresAt, jti(), KEY);
            return new Issued(token, DooShapes.tokenIssued(token, "https://rest.doo.net/v1/oauth"));
        }

        @Override
        public VendorResponse rejected() {
            return DooShapes.invalidClient();
        }

        @Override
        void onToken(Map<String, Object> body, Consumer<Map<String, Object>> change) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) body.get("data");
            change.accept(data);
        }
    },
    DOCPLANNER("/oauth/v2/token", false) {
        @Override
        public AuthProvider provider() {
            return new DocplannerProvider();
        }

        @Override
        Map<String, String> account() {
            return ordered("client-id", TestSecrets.DOCPLANNER_CLIENT_ID, "client-secret",
                    TestSecrets.DOCPLANNER_CLIENT_SECRET, "domain", DocplannerShapes.DEMO_DOMAIN);
        }

        @Override
        Issued issueWithExpiry(Instant now, Instant expiresAt) {
            String token = hex(20);
            return new Issued(token, DocplannerShapes.tokenIssued(token, seconds(now, expiresAt)));
        }

        @Override
        public VendorResponse rejected() {
            return DocplannerShapes.invalidClient();
        }
    },
    DOMO("/oauth/token", false) {
        @Override
        public AuthProvider provider() {
            return new DomoProvider();
        }

        @Override
        Map<String, String> account() {
            return ordered("client-id", TestSecrets.DOMO_CLIENT_ID, "client-secret", TestSecrets.DOMO_CLIENT_SECRET);
        }

        @Override
        Issued issueWithExpiry(Instant now, Instant expiresAt) {
            String token = DomoShapes.accessToken(TestSecrets.DOMO_CLIENT_ID, DomoShapes.DEMO_CUSTOMER,
                    DomoShapes.DEMO_ROLE, DomoShapes.DEMO_USER_ID, DomoShapes.DEMO_SCOPES, expiresAt, jti(), KEY);
            return new Issued(token, DomoShapes.tokenIssued(token, DomoShapes.DEMO_CUSTOMER, seconds(now, expiresAt),
                    jti(), DomoShapes.DEMO_ROLE, String.join(" ", DomoShapes.DEMO_SCOPES), DomoShapes.DEMO_USER_ID));
        }

        @Override
        public VendorResponse rejected() {
            return DomoShapes.badCredentials();
        }
    },
    DOCOON("/connect/token", false) {
        @Override
        public AuthProvider provider() {
            return new DocoonProvider();
        }

        @Override
        Map<String, String> account() {
            return ordered("mode", "password", "client-id", TestSecrets.DOCOON_CLIENT_ID, "client-secret",
                    TestSecrets.DOCOON_CLIENT_SECRET, "login", TestSecrets.DOCOON_LOGIN, "password",
                    TestSecrets.DOCOON_PASSWORD);
        }

        @Override
        Issued issueWithExpiry(Instant now, Instant expiresAt) {
            String token = "rel-docoon-at-" + hex(16);
            return new Issued(token, DocoonShapes.tokenIssued(token, seconds(now, expiresAt)));
        }

        @Override
        public VendorResponse rejected() {
            return DocoonShapes.invalidGrant();
        }
    },
    DOTYPOS("/v2/signin/token", true) {
        @Override
        public AuthProvider provider() {
            return new DotyposProvider();
        }

        @Override
        Map<String, String> account() {
            return ordered("refresh-token", TestSecrets.DOTYPOS_REFRESH_TOKEN, "cloud-id",
                    DotyposShapes.DEMO_CLOUD_ID);
        }

        @Override
        Issued issueWithExpiry(Instant now, Instant expiresAt) {
            String token = DotyposShapes.accessToken(TestSecrets.DOTYPOS_CLIENT_ID, DotyposShapes.DEMO_CLOUD_ID, now,
                    expiresAt, jti(), KEY);
            return new Issued(token, DotyposShapes.tokenIssued(token));
        }

        @Override
        public VendorResponse rejected() {
            return DotyposShapes.refreshTokenRejected();
        }

        @Override
        String tokenField() {
            return "accessToken";
        }
    };

    private static final byte[] KEY = "reliability-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Random RANDOM = new Random(20260302);
    private static int jtis;

    private final String tokenPath;
    private final boolean lifetimeFromJwt;

    Vendor(String tokenPath, boolean lifetimeFromJwt) {
        this.tokenPath = tokenPath;
        this.lifetimeFromJwt = lifetimeFromJwt;
    }

    /** A fresh provider instance. */
    public abstract AuthProvider provider();

    /** The provider id. */
    public String id() {
        return provider().id();
    }

    /** The path of the token endpoint under a base URL. */
    public String tokenPath() {
        return tokenPath;
    }

    /** Whether the vendor says a token's lifetime only through its JWT {@code exp} (no {@code expires_in}). */
    public boolean lifetimeFromJwt() {
        return lifetimeFromJwt;
    }

    /** The account's settings with the token endpoint at {@code base + tokenPath()}. */
    public Map<String, String> settings(String base) {
        Map<String, String> settings = account();
        settings.put("token-url", base + tokenPath);
        return settings;
    }

    abstract Map<String, String> account();

    abstract Issued issueWithExpiry(Instant now, Instant expiresAt);

    /** The vendor's rejection of the account's credentials, in its own shape. */
    public abstract VendorResponse rejected();

    /** A new token of {@code lifetime} and the vendor's success answer carrying it; the token is registered as a secret. */
    public Issued issue(Instant now, Duration lifetime) {
        Issued issued = issueWithExpiry(now, now.plus(lifetime));
        TestSecrets.register(issued.token());
        return issued;
    }

    /**
     * The success answer with a lifetime of {@code seconds} from {@code now}, however absurd: as
     * {@code expires_in}, or as the JWT {@code exp} for vendors that send no {@code expires_in}.
     */
    public Issued issueWithLifetimeSeconds(Instant now, long seconds) {
        if (lifetimeFromJwt) {
            Issued issued = issueWithExpiry(now, Instant.ofEpochSecond(now.getEpochSecond() + seconds));
            TestSecrets.register(issued.token());
            return issued;
        }
        Issued issued = issue(now, Duration.ofHours(1));
        return new Issued(issued.token(), changeToken(issued.response(), body -> body.put("expires_in", seconds)));
    }

    /** The success answer of {@code issued} with the token field removed. */
    public VendorResponse withoutToken(Issued issued) {
        return changeToken(issued.response(), body -> body.remove(tokenField()));
    }

    /** The success answer of {@code issued} with the token field empty. */
    public VendorResponse withEmptyToken(Issued issued) {
        return changeToken(issued.response(), body -> body.put(tokenField(), ""));
    }

    String tokenField() {
        return "access_token";
    }

    /** Applies {@code change} to the JSON object that holds the token (doo: {@code data}). */
    void onToken(Map<String, Object> body, Consumer<Map<String, Object>> change) {
        change.accept(body);
    }

    @SuppressWarnings("unchecked")
    private VendorResponse changeToken(VendorResponse success, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) success.parsedBody());
        if (body.get("data") instanceof Map<?, ?> data) {
            body.put("data", new LinkedHashMap<>((Map<String, Object>) data));
        }
        onToken(body, change);
        return new VendorResponse(success.status(), success.contentType(), JacksonJson.INSTANCE.write(body),
                success.headers());
    }

    private static long seconds(Instant from, Instant to) {
        return to.getEpochSecond() - from.getEpochSecond();
    }

    private static synchronized String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static synchronized String jti() {
        return "rel-jti-" + (++jtis);
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** All five, in the order of the tables. */
    public static List<Vendor> all() {
        return List.of(values());
    }

    /** A token and the vendor's answer carrying it. */
    public record Issued(String token, VendorResponse response) {
        @Override
        public String toString() {
            return "Issued[" + response + "]";
        }
    }
}
