package dev.apiauth.reliability.properties;

import dev.apiauth.reliability.support.Reports;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the outcomes each property saw, for the figures in docs/reliability.md. */
final class Tally {
    private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();

    void count(String property, String outcome) {
        counts.computeIfAbsent(property, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, name -> new AtomicLong()).incrementAndGet();
    }

    /** Writes {@code properties-<name>.md}: one row per property with its tries and outcome mix. */
    void write(String name) {
        StringBuilder rows = new StringBuilder();
        new TreeMap<>(counts).forEach((property, outcomes) -> {
            long total = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
            StringBuilder mix = new StringBuilder();
            new TreeMap<>(outcomes).forEach((outcome, count) -> mix.append(mix.length() == 0 ? "" : ", ")
                    .append(outcome).append(' ').append(count.get()));
            rows.append("| ").append(property).append(" | ").append(total).append(" | ").append(mix).append(" |\n");
        });
        Reports.write("properties-" + name + ".md", rows.toString());
    }
}
