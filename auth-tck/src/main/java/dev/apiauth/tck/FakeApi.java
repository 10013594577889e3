package dev.apiauth.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The vendor API that R4 and R7 call through the engine's HTTP integration, on the TCK's server. */
final class FakeApi {
    /** Its path on the TCK's server. */
    static final String PATH = "/tck/api/resource";

    private final TckServer server;
    private final AnswerScript<ApiAnswer> script = new AnswerScript<>();

    FakeApi(TckServer server) {
        this.server = server;
    }

    URI url() {
        return URI.create(server.baseUrl() + PATH);
    }

    /** Stubs the fake API; each request gets the next answer, the last one repeats. */
    void answers(ApiAnswer... answers) {
        script.set(answers);
        server.wireMock().stubFor(any(urlPathEqualTo(PATH))
                .willReturn(aResponse().withTransformers(TckServer.API_ANSWERS)));
    }

    /** The requests the fake API received, oldest first. */
    List<LoggedRequest> requests() {
        List<LoggedRequest> requests = new ArrayList<>();
        for (LoggedRequest request : server.requests()) {
            if (request.getUrl().startsWith(PATH)) {
                requests.add(request);
            }
        }
        return requests;
    }

    /** The next scripted answer to {@code event}, for the server. */
    ResponseDefinition answer(Tck tck, ServeEvent event) {
        Optional<ApiAnswer> next = script.next();
        if (next.isEmpty()) {
            return aResponse().withStatus(599).withBody("the rule scripted no API answer").build();
        }
        return next.get().answer(tck, event.getRequest());
    }

    static ApiAnswer status(int status) {
        return (tck, request) -> aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(status < 300 ? "{\"ok\":true}" : "{\"error\":\"invalid_token\"}").build();
    }

    /** 200 when the request carries the declared headers of the newest issued token, else 401. */
    static ResponseDefinition latestTokenOnly(Tck tck, LoggedRequest request) {
        List<IssuedToken> issued = tck.issuer.issued();
        if (issued.isEmpty()) {
            return status(401).answer(tck, request);
        }
        IssuedToken latest = issued.get(issued.size() - 1);
        Map<String, String> expected = tck.fixture.authorizedHeaders(latest);
        boolean carries = expected.entrySet().stream()
                .allMatch(header -> header.getValue().equals(request.getHeader(header.getKey())));
        return status(carries ? 200 : 401).answer(tck, request);
    }
}
