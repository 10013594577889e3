package dev.apiauth.reliability.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.apiauth.reliability.support.Front;
import dev.apiauth.reliability.support.Outcome;
import dev.apiauth.reliability.support.Vendor;
import dev.apiauth.shapes.VendorResponse;
import dev.apiauth.spi.AccessToken;
import dev.apiauth.testing.MutableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The token-endpoint faults of issue 6, each staged for one vendor and paired with the outcome the
 * caller must get. Transport faults come from WireMock ({@code withFault}, delays, dribbling) or the
 * switchable {@link Front}; answer faults start from the vendor's own success body
 * ({@code dev.apiauth.shapes}) and break one thing.
 */
enum TokenEndpointFault {
    CONNECTION_REFUSED("connection refused (nothing listens)", Outcome.TRANSIENT, Front.Mode.CLOSED, Front.Mode.PROXY) {
        @Override
        void stage(Stage stage) {
            // the front is closed: nothing to stub
        }
    },
    CONNECTION_RESET("connection reset by peer", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        }
    },
    EMPTY_REPLY("empty reply (closed without a response)", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withFault(Fault.EMPTY_RESPONSE));
        }
    },
    MALFORMED_CHUNK("200 with a malformed chunked body", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        }
    },
    RANDOM_BYTES("random bytes, then close", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        }
    },
    STALL("stall longer than the response timeout", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(wireMock(stage.success().response()).withFixedDelay(STALL_MILLIS));
        }
    },
    DRIP("body dripped a byte per 100 ms (beats the response timeout, not the call timeout)", Outcome.TRANSIENT,
            Front.Mode.DRIP, Front.Mode.PROXY) {
        @Override
        void stage(Stage stage) {
            // the front drips the body
        }
    },
    HTTP_500("500 Internal Server Error", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                    .withBody("<html><body><h1>500 Internal Server Error</h1></body></html>"));
        }
    },
    HTTP_502("502 Bad Gateway from a proxy", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                    .withBody("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"));
        }
    },
    HTTP_503_RETRY_AFTER("503 with Retry-After: 7", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(503).withHeader("Retry-After", "7"));
        }

        @Override
        Duration retryAfter() {
            return Duration.ofSeconds(7);
        }
    },
    HTTP_429_SECONDS("429 with Retry-After in seconds (30)", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(429).withHeader("Retry-After", "30")
                    .withHeader("Content-Type", "application/json").withBody("{\"error\":\"rate_limited\"}"));
        }

        @Override
        Duration retryAfter() {
            return Duration.ofSeconds(30);
        }
    },
    HTTP_429_DATE("429 with Retry-After as an HTTP-date (+120 s)", Outcome.TRANSIENT) {
        @Override
        void stage(Stage stage) {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    stage.clock().instant().plusSeconds(120).atZone(ZoneOffset.UTC));
            stage.answer(aResponse().withStatus(429).withHeader("Retry-After", date));
        }

        @Override
        Duration retryAfter() {
            return Duration.ofSeconds(120);
        }
    },
    HTML_200("200 with an HTML page", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody("<!DOCTYPE html><html><body><form action=\"/login\">Sign in</form></body></html>"));
        }
    },
    TRUNCATED_JSON("truncated JSON (cut after the token)", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            VendorResponse success = stage.success().response();
            String body = success.body();
            int cut = body.indexOf(stage.success().token()) + stage.success().token().length() + 1;
            stage.answer(wireMock(new VendorResponse(200, success.contentType(), body.substring(0, cut))));
        }
    },
    NO_TOKEN("JSON without the token", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            stage.answer(wireMock(stage.vendor().withoutToken(stage.success())));
        }
    },
    EMPTY_TOKEN("an empty token", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            stage.answer(wireMock(stage.vendor().withEmptyToken(stage.success())));
        }
    },
    NEGATIVE_LIFETIME("negative lifetime (expires_in -60 / JWT exp 60 s ago)", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            stage.answer(wireMock(stage.vendor().issueWithLifetimeSeconds(stage.clock().instant(), -60).response()));
        }
    },
    ABSURD_LIFETIME("absurd lifetime (expires_in / JWT exp 10^12 s, ~31 700 years): used, capped at 24 h",
            Outcome.TOKEN) {
        @Override
        void stage(Stage stage) {
            stage.answer(wireMock(stage.vendor()
                    .issueWithLifetimeSeconds(stage.clock().instant(), 1_000_000_000_000L).response()));
        }

        @Override
        void check(AccessToken token) {
            assertThat(token.lifetime()).as("an implausible lifetime is capped").contains(Duration.ofHours(24));
        }

        @Override
        Duration healAfter() {
            return Duration.ofHours(25);
        }
    },
    HUGE_BODY("a 5 MiB body", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            String padding = "a".repeat(5 * 1024 * 1024);
            stage.answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"access_token\":\"" + stage.success().token() + "\",\"padding\":\"" + padding + "\"}"));
        }
    },
    WRONG_CONTENT_TYPE("wrong content type (200 application/xml)", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                    .withBody("<token><access_token>" + stage.success().token() + "</access_token></token>"));
        }
    },
    EMPTY_BODY("200 with an empty body", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json"));
        }
    },
    JSON_ARRAY("200 with a JSON array, not an object", Outcome.MALFORMED) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("[" + stage.success().response().body() + "]"));
        }
    },
    REDIRECT_TO_HTTP("302 to an http:// URL", Outcome.REDIRECT_REFUSED) {
        @Override
        void stage(Stage stage) {
            stage.answer(aResponse().withStatus(302).withHeader("Location", "http://oauth.example.com/token"));
        }
    },
    TLS_NOT_SPOKEN("TLS handshake failure: plain HTTP server on the https URL", Outcome.TRANSIENT,
            Front.Mode.PLAIN_HTTP, Front.Mode.TLS_PROXY) {
        @Override
        void stage(Stage stage) {
            // the front answers the ClientHello with plain HTTP
        }
    },
    TLS_UNTRUSTED("TLS handshake failure: untrusted certificate (a configuration error, not retried)",
            Outcome.UNTRUSTED_ENDPOINT,
            Front.Mode.TLS_UNTRUSTED, Front.Mode.TLS_PROXY) {
        @Override
        void stage(Stage stage) {
            // the front presents WireMock's self-signed certificate
        }
    },
    REJECTED("the vendor's own rejection of the credentials", Outcome.REJECTED) {
        @Override
        void stage(Stage stage) {
            stage.answer(wireMock(stage.vendor().rejected()));
        }
    },
    TEXT_PLAIN_TOKEN("a valid token labelled text/plain (accepted: content type is not trusted either way)",
            Outcome.TOKEN) {
        @Override
        void stage(Stage stage) {
            VendorResponse success = stage.success().response();
            stage.answer(wireMock(new VendorResponse(200, "text/plain", success.body())));
        }
    };

    static final int STALL_MILLIS = 3000;

    private final String label;
    private final Outcome expected;
    private final Front.Mode broken;
    private final Front.Mode healed;

    TokenEndpointFault(String label, Outcome expected) {
        this(label, expected, null, null);
    }

    TokenEndpointFault(String label, Outcome expected, Front.Mode broken, Front.Mode healed) {
        this.label = label;
        this.expected = expected;
        this.broken = broken;
        this.healed = healed;
    }

    /** Sets WireMock up to answer the token request with this fault. */
    abstract void stage(Stage stage);

    String label() {
        return label;
    }

    Outcome expected() {
        return expected;
    }

    /** Checks a token the case's outcome is ({@link Outcome#TOKEN} rows). */
    void check(AccessToken token) {
    }

    /** How long after the outcome the healed endpoint is asked again (past any backoff or token lifetime). */
    Duration healAfter() {
        return Duration.ofHours(2);
    }

    /** The {@code Retry-After} the transient failure must carry, or {@code null}. */
    Duration retryAfter() {
        return null;
    }

    /** Whether the token URL points at the switchable front instead of WireMock. */
    boolean usesFront() {
        return broken != null;
    }

    boolean usesTls() {
        return broken == Front.Mode.PLAIN_HTTP || broken == Front.Mode.TLS_UNTRUSTED;
    }

    Front.Mode broken() {
        return broken;
    }

    Front.Mode healed() {
        return healed;
    }

    /** A vendor answer as a WireMock response. */
    static ResponseDefinitionBuilder wireMock(VendorResponse response) {
        ResponseDefinitionBuilder builder = aResponse().withStatus(response.status()).withBody(response.body());
        if (response.contentType() != null) {
            builder.withHeader("Content-Type", response.contentType());
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        return builder;
    }

    /** What one case stages against. */
    interface Stage {
        Vendor vendor();

        MutableClock clock();

        /** The vendor's success answer for this case, whose token a broken answer may carry. */
        Vendor.Issued success();

        void answer(ResponseDefinitionBuilder response);
    }
}
