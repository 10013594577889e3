package dev.apiauth.okhttp;

import dev.apiauth.core.AuthProviders;
import dev.apiauth.core.Credentials;
import dev.apiauth.core.Settings;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.Url;

/** The example in auth-okhttp/README.md, compiled and run by {@link OkHttpExampleTest}. */
final class OkHttpExample {
    /** A Retrofit service of the reader's API (here: one GET). */
    interface DomoApi {
        @GET
        Call<ResponseBody> get(@Url String url);
    }

    private OkHttpExample() {
    }

    /** Calls {@code api} once with OkHttp and once through Retrofit; returns both bodies. */
    static String[] run(Map<String, String> domoSettings, URI api) throws IOException {
        // tag::okhttp[]
        AuthProviders providers = AuthProviders.discover();
        try (Credentials domo = providers.credentials("domo", Settings.of(domoSettings))) {
            // One install: headers and pacing on every call, one retry with a new token after a 401.
            OkHttpClient client = OkHttpAuth.install(new OkHttpClient.Builder(), domo).build();

            // Plain OkHttp.
            String body;
            try (Response response = client.newCall(new Request.Builder().url(api.toString()).build()).execute()) {
                body = response.body().string();
            }

            // Retrofit sends through the client it is given.
            DomoApi retrofit = new Retrofit.Builder().baseUrl(api.resolve("/").toString()).client(client).build()
                    .create(DomoApi.class);
            try (ResponseBody viaRetrofit = retrofit.get(api.toString()).execute().body()) {
                return new String[] {body, viaRetrofit.string()};
            }
        }
        // end::okhttp[]
    }
}
