package dev.apiauth.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import dev.apiauth.simulator.VendorSimulator;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.http.GET;

/** Retrofit sends through the OkHttp client it is given, so the same install covers it. */
class RetrofitTest {
    interface EventsApi {
        @GET("events")
        Call<ResponseBody> events();
    }

    @Test
    void aRetrofitServiceGetsTheHeadersAndRecoversFromA401() throws Exception {
        try (VendorSimulator vendors = VendorSimulator.start();
                MockWebServer api = new MockWebServer();
                Credentials doo = AuthProviders.discover().credentials("doo", Settings.of(vendors.settingsFor("doo")))) {
            api.start(InetAddress.getLoopbackAddress(), 0);
            api.enqueue(new MockResponse.Builder().code(401).build());
            api.enqueue(new MockResponse.Builder().code(200).body("[]").build());

            OkHttpClient client = OkHttpAuth.install(new OkHttpClient.Builder(), doo).build();
            EventsApi events = new Retrofit.Builder().baseUrl(api.url("/v1/")).client(client).build()
                    .create(EventsApi.class);
            retrofit2.Response<ResponseBody> response = events.events().execute();

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("[]");
            assertThat(api.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/v1/events");
            assertThat(api.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                    .isEqualTo("Bearer " + doo.token().value());
            assertThat(vendors.tokenRequests("doo")).isEqualTo(2);
        }
    }
}
