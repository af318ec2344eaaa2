package io.dbferry.core.dialect;

import io.dbferry.core.model.Column;
import io.dbferry.core.model.Names;

import java.util.List;

/**
 * Where a write the server refused failed, as far as the server's own report tells
 * ({@link Dialect#locateFailure}).
 *
 * @param row    1-based row within what the statement sent (a COPY's line), or 0 when the report does not say
 * @param column index of the column at fault in the row as bound, or -1 when it cannot be told
 */
public record FailureLocation(long row, int column) {

    public static final FailureLocation UNKNOWN = new FailureLocation(0, -1);

    /** The index of the column named {@code name} (or differing only in case, as engines fold it: {@link Names#find}), or -1. */
    public static int columnNamed(List<Column> columns, String name) {
        List<String> names = columns.stream().map(Column::name).toList();
        return Names.find(name, names).map(names::indexOf).orElse(-1);
    }

    /**
     * For a report that names no column: the first column whose value in {@code row} breaks its NOT NULL
     * (when the server refused a null) or its declared length (when it refused a value as too long), or -1.
     */
    public static int columnBreaking(List<Column> columns, Object[] row, boolean nullRefused, boolean tooLong) {
        for (int i = 0; row != null && i < row.length && i < columns.size(); i++) {
            Column c = columns.get(i);
            if (nullRefused && row[i] == null && !c.nullable()) {
                return i;
            }
            if (tooLong && row[i] instanceof String s && c.size() > 0 && s.codePointCount(0, s.length()) > c.size()) {
                return i;
            }
        }
        return -1;
    }
}
