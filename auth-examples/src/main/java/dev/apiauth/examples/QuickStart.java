package dev.apiauth.examples;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Authorization;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.httpclient5.AuthExecChainHandler;
import dev.apiauth.core.jdkhttp.JdkHttpAuth;
import dev.apiauth.simulator.VendorSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The README's quick start, compiled and run by a test. It talks to the offline Domo simulation,
 * so it needs no account and no network; against the real Domo only the settings change.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /** Runs the quick start and returns the three API responses' bodies. */
    public static String[] run(Map<String, String> domoSettings, URI api) throws Exception {
        // tag::quickstart[]
        // 1. Discover the providers on the class path (here: provider-domo).
        AuthProviders providers = AuthProviders.discover();

        // 2. Configure an account. Settings come from a Map, Properties or APIAUTH_DOMO_* variables;
        //    every missing, unknown or malformed setting is reported in one InvalidSettingsException.
        Settings settings = Settings.fromEnvironment("domo").overriddenBy(Settings.of(domoSettings));
        try (Credentials domo = providers.credentials("domo", settings)) {

            // 3a. Apache HttpClient 5: one handler adds the headers, refreshes ahead of expiry and
            //     retries once with a new token after a 401.
            try (CloseableHttpClient client = AuthExecChainHandler.install(HttpClients.custom(), domo).build()) {
                String body = client.execute(new HttpGet(api), response -> EntityUtils.toString(response.getEntity()));

                // 3b. java.net.http.HttpClient: the same, wrapped around send().
                HttpResponse<String> response = JdkHttpAuth.of(domo).send(HttpClient.newHttpClient(),
                        HttpRequest.newBuilder(api).GET().build(), HttpResponse.BodyHandlers.ofString());

                // 3c. Any other client: wait for the rate budget, put the headers on, and after a 401
                //     hand the token back, so the retry (once) gets a new one.
                domo.pace();
                Authorization used = domo.authorization();
                HttpRequest.Builder request = HttpRequest.newBuilder(api).GET();
                used.headers().forEach(request::header);
                HttpResponse<String> manual = HttpClient.newHttpClient().send(request.build(),
                        HttpResponse.BodyHandlers.ofString());
                if (domo.tokenRejectedStatuses().contains(manual.statusCode()) && domo.rejected(used)) {
                    domo.authorization().headers().forEach(request::setHeader);   // retry once
                    manual = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
                }
                return new String[] {body, response.body(), manual.body()};
            }
        }
        // end::quickstart[]
    }

    /** Starts the offline Domo simulation and runs the quick start against it. */
    public static void main(String[] args) throws Exception {
        try (VendorSimulator simulator = VendorSimulator.start()) {
            String[] bodies = run(simulator.settingsFor("domo"), simulator.apiUri("domo"));
            System.out.println("HttpClient 5      -> " + bodies[0]);
            System.out.println("java.net.http     -> " + bodies[1]);
            System.out.println("by hand           -> " + bodies[2]);
            System.out.println("token requests    -> " + simulator.tokenRequests("domo"));
        }
    }
}
