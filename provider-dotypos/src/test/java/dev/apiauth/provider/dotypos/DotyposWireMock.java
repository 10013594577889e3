package dev.apiauth.provider.dotypos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.apiauth.shapes.VendorResponse;

/** Hands Dotypos' answers from auth-vendor-shapes to WireMock unchanged, so fixtures never restate them. */
final class DotyposWireMock {
    private DotyposWireMock() {
    }

    /** {@code response} as a WireMock answer: status, media type, body and every further header. */
    static ResponseDefinitionBuilder answer(VendorResponse response) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(response.status()).withBody(response.body());
        if (response.contentType() != null) {
            answer.withHeader("Content-Type", response.contentType());
        }
        response.headers().forEach(answer::withHeader);
        return answer;
    }
}
