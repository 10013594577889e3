package dev.apiauth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A plain-text table with left-aligned columns and a rule under the header. Printed to a width,
 * the widest columns are narrowed and their cells wrapped at spaces (a word longer than its
 * column is split), so nothing is lost; printed without one, every row is one line.
 */
final class Table {
    /** A column is not narrowed below this (or its header, or its widest cell when that is less). */
    private static final int MIN_WIDTH = 10;
    private static final String GAP = "  ";

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

    /** Every row on one line, however long (the {@code --wide} output). */
    void print(PrintWriter out) {
        print(out, Integer.MAX_VALUE);
    }

    /** Fitted to {@code width} characters a line, wrapping cells where needed. */
    void print(PrintWriter out, int width) {
        int[] widths = widths(width);
        out.println(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            rule.append(column == 0 ? "" : GAP).append("-".repeat(widths[column]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int column = 0; column < widths.length; column++) {
                List<String> cellLines = wrap(row.get(column), widths[column]);
                wrapped.add(cellLines);
                lines = Math.max(lines, cellLines.size());
            }
            for (int index = 0; index < lines; index++) {
                List<String> cells = new ArrayList<>();
                for (List<String> cellLines : wrapped) {
                    cells.add(index < cellLines.size() ? cellLines.get(index) : "");
                }
                out.println(line(cells, widths));
            }
        }
        out.flush();
    }

    /**
     * The natural column widths, the widest narrowed one character at a time until the line fits:
     * first no column below its longest word (so URLs and names stay whole), then, if that is not
     * enough, down to {@link #MIN_WIDTH}.
     */
    private int[] widths(int width) {
        int columns = header.size();
        int[] widths = new int[columns];
        int[] wholeWords = new int[columns];
        int[] minimum = new int[columns];
        for (int column = 0; column < columns; column++) {
            String title = header.get(column);
            widths[column] = title.length();
            wholeWords[column] = title.length();
            for (List<String> row : rows) {
                String cell = row.get(column);
                widths[column] = Math.max(widths[column], cell.length());
                for (String word : cell.split(" +")) {
                    wholeWords[column] = Math.max(wholeWords[column], word.length());
                }
            }
            minimum[column] = Math.min(widths[column], Math.max(MIN_WIDTH, title.length()));
        }
        long total = Arrays.stream(widths).asLongStream().sum() + (long) GAP.length() * (columns - 1);
        total = narrow(widths, wholeWords, total, width);
        narrow(widths, minimum, total, width);
        return widths;
    }

    /** Narrows the widest column above its floor, one character at a time, until {@code total} fits. */
    private static long narrow(int[] widths, int[] floor, long total, int width) {
        while (total > width) {
            int widest = -1;
            for (int column = 0; column < widths.length; column++) {
                if (widths[column] > floor[column] && (widest < 0 || widths[column] > widths[widest])) {
                    widest = column;
                }
            }
            if (widest < 0) {
                break;
            }
            widths[widest]--;
            total--;
        }
        return total;
    }

    /** {@code name  value} lines, the values aligned; each line unbounded. */
    static void printPairs(PrintWriter out, Map<String, String> pairs) {
        printPairs(out, pairs, Integer.MAX_VALUE);
    }

    /** {@code name  value} lines, the values aligned and wrapped to {@code width}. */
    static void printPairs(PrintWriter out, Map<String, String> pairs, int width) {
        int nameWidth = pairs.keySet().stream().mapToInt(String::length).max().orElse(0);
        int valueWidth = Math.max(MIN_WIDTH, width - nameWidth - GAP.length());
        pairs.forEach((name, value) -> {
            List<String> lines = wrap(value, valueWidth);
            out.println(name + " ".repeat(nameWidth - name.length()) + GAP + lines.get(0));
            lines.subList(1, lines.size())
                    .forEach(line -> out.println(" ".repeat(nameWidth + GAP.length()) + line));
        });
        out.flush();
    }

    /**
     * {@code text} in lines of at most {@code width} characters, broken at spaces; a word longer
     * than a line is split. At least one line, possibly empty.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            String cell = cells.get(column);
            text.append(column == 0 ? "" : GAP).append(cell);
            if (column < widths.length - 1) {
                text.append(" ".repeat(Math.max(0, widths[column] - cell.length())));
            }
        }
        return text.toString().stripTrailing();
    }
}
