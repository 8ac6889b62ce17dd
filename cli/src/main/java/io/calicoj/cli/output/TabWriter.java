package io.calicoj.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} for left-aligned text with a pad character and no flags, as
 * calicoctl uses it ({@code tabwriter.NewWriter(out, 5, 1, 3, ' ', 0)}). Text is buffered until
 * {@link #flush}; a cell is text terminated by a tab, and the text after a line's last tab is
 * written as it is. Each column of a block of consecutive lines that have a cell there is as wide
 * as its widest cell plus the padding, and at least the minimum width; cells are padded to that
 * width with the pad character, so a row whose last cell is tab-terminated ends in padding.
 * Widths count Unicode code points, as Go counts runes.
 */
public final class TabWriter {

    private final int minWidth;
    private final int padding;
    private final char padChar;
    private final StringBuilder buffer = new StringBuilder();
    private final Appendable out;

    /**
     * @param minWidth the minimal width of a column, padding included
     * @param padding  added to the widest cell of a column
     */
    public TabWriter(Appendable out, int minWidth, int padding, char padChar) {
        this.out = out;
        this.minWidth = minWidth;
        this.padding = padding;
        this.padChar = padChar;
    }

    /** calicoctl's table writer: minimum width 5, padding 3, spaces. */
    public static TabWriter calicoctl(Appendable out) {
        return new TabWriter(out, 5, 3, ' ');
    }

    public TabWriter write(String text) {
        buffer.append(text);
        return this;
    }

    /** Formats and writes everything buffered. */
    public void flush() {
        List<List<String>> lines = new ArrayList<>();
        String text = buffer.toString();
        buffer.setLength(0);
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            String line = nl < 0 ? text.substring(start) : text.substring(start, nl);
            lines.add(cells(line));
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        StringBuilder sb = new StringBuilder();
        format(sb, lines, new ArrayList<>(), 0, lines.size());
        try {
            out.append(sb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The tab-terminated cells of a line, then the unterminated rest (possibly empty). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        int start = 0;
        int tab;
        while ((tab = line.indexOf('\t', start)) >= 0) {
            cells.add(line.substring(start, tab));
            start = tab + 1;
        }
        cells.add(line.substring(start));
        return cells;
    }

    /** Go's {@code Writer.format}: finds column blocks recursively, then writes the lines. */
    private void format(StringBuilder sb, List<List<String>> lines, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).size() - 1) {
                continue;
            }
            writeLines(sb, lines, widths, line0, i);
            line0 = i;
            int width = minWidth;
            for (; i < line1; i++) {
                List<String> line = lines.get(i);
                if (column >= line.size() - 1) {
                    break;
                }
                width = Math.max(width, width(line.get(column)) + padding);
            }
            widths.add(width);
            format(sb, lines, widths, line0, i);
            widths.remove(widths.size() - 1);
            line0 = i;
            i--; // the for loop's increment: continue from the line that ended the block
        }
        writeLines(sb, lines, widths, line0, line1);
    }

    private void writeLines(StringBuilder sb, List<List<String>> lines, List<Integer> widths, int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            List<String> line = lines.get(i);
            for (int j = 0; j < line.size(); j++) {
                String cell = line.get(j);
                sb.append(cell);
                if (j < widths.size()) {
                    sb.append(String.valueOf(padChar).repeat(widths.get(j) - width(cell)));
                }
            }
            if (i + 1 < lines.size()) {
                sb.append('\n');
            }
        }
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
