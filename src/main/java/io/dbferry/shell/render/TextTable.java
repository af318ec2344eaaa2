package io.dbferry.shell.render;

import java.util.ArrayList;
import java.util.List;

/** A plain, aligned text table: a header, rows, and numbers right-aligned. */
public final class TextTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> footer = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
        this.rightAligned = new boolean[headers.length];
    }

    public TextTable alignRight(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    public TextTable row(Object... values) {
        String[] cells = new String[headers.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i < values.length && values[i] != null ? values[i].toString() : "";
        }
        rows.add(cells);
        return this;
    }

    public TextTable footer(String line) {
        footer.add(line);
        return this;
    }

    public String render() {
        int[] widths = new int[headers.size()];
        // a header over no rows says nothing; the footer tells the outcome
        boolean showHeader = !rows.isEmpty() && headers.stream().anyMatch(h -> !h.isEmpty());
        for (int i = 0; i < widths.length; i++) {
            widths[i] = showHeader ? headers.get(i).length() : 0;
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (showHeader) {
            line(out, headers.toArray(String[]::new), widths);
        }
        for (String[] row : rows) {
            line(out, row, widths);
        }
        for (String f : footer) {
            out.append("  ").append(f).append('\n');
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(rightAligned[i] ? pad + cell : cell + (i < cells.length - 1 ? pad : ""));
            if (i < cells.length - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    public static String number(long n) {
        return String.format("%,d", n);
    }
}
