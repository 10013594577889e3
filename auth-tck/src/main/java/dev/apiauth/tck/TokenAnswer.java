package dev.apiauth.tck;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** One scripted answer of the fake token endpoint; {@link TokenAnswers} has the rules' ones. */
@FunctionalInterface
interface TokenAnswer {
    ResponseDefinition answer(Tck tck, ServeEvent request);
}
