package dev.apiauth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with left-aligned columns and a rule under the header. */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + header.size() + " columns got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "" : cell.toString()).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = header.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        out.println(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            rule.append(column == 0 ? "" : "  ").append("-".repeat(widths[column]));
        }
        out.println(rule);
        rows.forEach(row -> out.println(line(row, widths)));
        out.flush();
    }

    /** {@code name  value} lines, the values aligned. */
    static void printPairs(PrintWriter out, java.util.Map<String, String> pairs) {
        int width = pairs.keySet().stream().mapToInt(String::length).max().orElse(0);
        pairs.forEach((name, value) -> out.println(name + " ".repeat(width - name.length() + 2) + value));
        out.flush();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            String cell = cells.get(column);
            text.append(column == 0 ? "" : "  ").append(cell);
            if (column < widths.length - 1) {
                text.append(" ".repeat(widths[column] - cell.length()));
            }
        }
        return text.toString();
    }
}
