package dev.apiauth.examples;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.core.httpclient5.AsyncAuthExecChainHandler;
import dev.apiauth.simulator.VendorSimulator;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;

/**
 * The README's HttpClient 5 async example, compiled and run by a test against the offline Domo
 * simulation.
 */
public final class AsyncQuickStart {
    private AsyncQuickStart() {
    }

    /** Sends one authorized GET to {@code api} with the async client and returns the body. */
    public static String run(Map<String, String> domoSettings, URI api) throws Exception {
        // tag::async[]
        try (Credentials domo = AuthProviders.discover().credentials("domo", Settings.of(domoSettings));
                CloseableHttpAsyncClient client = AsyncAuthExecChainHandler.install(HttpAsyncClients.custom(), domo)
                        .build()) {
            client.start();
            // Headers and pacing on every request; after a 401 one retry with a new token, which is
            // fetched on a pool thread (not the client's I/O threads).
            SimpleHttpResponse response = client.execute(SimpleRequestBuilder.get(api).build(), null)
                    .get(30, TimeUnit.SECONDS);
            return response.getBodyText();
        }
        // end::async[]
    }

    /** Starts the offline Domo simulation and runs the example against it. */
    public static void main(String[] args) throws Exception {
        try (VendorSimulator simulator = VendorSimulator.start()) {
            System.out.println("HttpClient 5 async -> " + run(simulator.settingsFor("domo"), simulator.apiUri("domo")));
        }
    }
}
