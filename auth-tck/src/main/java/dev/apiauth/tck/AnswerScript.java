package dev.apiauth.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A rule's scripted answers for one stub: each request takes the next one, the last one repeats. */
final class AnswerScript<A> {
    private final List<A> answers = new ArrayList<>();

    /** Replaces the script. */
    @SafeVarargs
    final synchronized void set(A... script) {
        answers.clear();
        answers.addAll(List.of(script));
    }

    /** The answer for the next request; empty when the rule scripted none. */
    synchronized Optional<A> next() {
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(answers.size() > 1 ? answers.remove(0) : answers.get(0));
    }
}
