package dev.apiauth.micrometer;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/** The example in auth-micrometer/README.md, compiled and run by {@link MicrometerExampleTest}. */
final class MicrometerExample {
    private MicrometerExample() {
    }

    /** Configures a metered Domo account in {@code registry} and makes it fetch one token. */
    static void run(Map<String, String> domoSettings, MeterRegistry registry) {
        // tag::micrometer[]
        // One AuthMetrics per account: it is the account's listener and a MeterBinder.
        AuthMetrics metrics = AuthMetrics.forAccount("reports");
        metrics.bindTo(registry);   // Spring Boot binds MeterBinder beans by itself

        try (Credentials domo = Credentials.builder(AuthProviders.discover().get("domo"))
                .settings(Settings.of(domoSettings))
                .listener(metrics)
                .build()) {
            // The first use fetches a token:
            // apiauth.token.fetches{provider=domo,account=reports} = 1, and the expiry gauge is set.
            domo.headers();
        }
        // end::micrometer[]
    }
}
