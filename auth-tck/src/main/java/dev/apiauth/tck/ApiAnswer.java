package dev.apiauth.tck;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** One scripted answer of the {@link FakeApi}. */
@FunctionalInterface
interface ApiAnswer {
    ResponseDefinition answer(Tck tck, LoggedRequest request);
}
