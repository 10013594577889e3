package dev.apiauth.benchmarks;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.UrlEncodedContent;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonObjectParser;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.GenericData;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import java.io.IOException;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * google-auth-library-java for a generic OAuth2 client-credentials endpoint: an
 * {@link OAuth2Credentials} subclass whose {@link #refreshAccessToken()} does what the library's own
 * {@code ServiceAccountCredentials} and {@code UserCredentials} do (google-http-client's
 * {@link NetHttpTransport}, a form body, the Gson JSON parser). Caching, single-flight and the
 * fresh/stale/expired states are the library's own {@link OAuth2Credentials} code.
 */
public final class GoogleAuth extends OAuth2Credentials {
    private static final long serialVersionUID = 1L;
    /** One transport for the application, as google-http-client recommends. */
    private static final HttpTransport TRANSPORT = new NetHttpTransport();

    private final String tokenUri;

    private GoogleAuth(URI tokenUri) {
        super(null);
        this.tokenUri = tokenUri.toString();
    }

    private GoogleAuth(URI tokenUri, Schedule schedule) {
        super(null, schedule.refreshAhead(), schedule.expiryMargin());
        this.tokenUri = tokenUri.toString();
    }

    /** Credentials for the benchmark account, with the library's default margins unless {@code schedule} says otherwise. */
    public static GoogleAuth credentials(URI tokenUri, Schedule schedule) {
        Objects.requireNonNull(tokenUri, "tokenUri");
        return schedule.isDefault() ? new GoogleAuth(tokenUri) : new GoogleAuth(tokenUri, schedule);
    }

    /** The same credentials behind the harnesses' {@link TokenClient}. */
    public static TokenClient client(URI tokenUri, Schedule schedule) {
        GoogleAuth credentials = credentials(tokenUri, schedule);
        return () -> {
            Map<String, List<String>> metadata = credentials.getRequestMetadata();
            return metadata.get("Authorization").get(0);
        };
    }

    @Override
    public AccessToken refreshAccessToken() throws IOException {
        GenericData form = new GenericData();
        form.set("grant_type", "client_credentials");
        HttpRequest request = TRANSPORT.createRequestFactory()
                .buildPostRequest(new GenericUrl(tokenUri), new UrlEncodedContent(form));
        request.getHeaders().setBasicAuthentication(Peers.CLIENT_ID, Peers.CLIENT_SECRET);
        request.getHeaders().setAccept("application/json");
        request.setParser(new JsonObjectParser(GsonFactory.getDefaultInstance()));
        HttpResponse response = request.execute();
        try {
            GenericData body = response.parseAs(GenericData.class);
            Object value = body.get("access_token");
            Object expiresIn = body.get("expires_in");
            if (!(value instanceof String token) || !(expiresIn instanceof Number seconds)) {
                throw new IOException("the token endpoint answered without access_token or expires_in");
            }
            return new AccessToken(token, new Date(System.currentTimeMillis() + seconds.longValue() * 1000));
        } finally {
            response.disconnect();
        }
    }
}
