package io.dbferry.core.transfer.imports;

import io.dbferry.core.encoding.LoadCheck;

import java.io.IOException;
import java.util.List;

/**
 * A table's rows, each shown to the table's {@link LoadCheck} as it is read, before anything of it is written (the
 * load's own check, instead of a pass of its own before the load). A second pass over the rows (the row-by-row retry
 * of a refused fast load) shows only the rows not shown yet, so each value is counted once.
 */
final class CheckedRows implements RowOrigin {

    private final RowOrigin rows;
    private final LoadCheck.Table check;
    /** The rows shown to the check so far, by number. */
    private volatile long shown;

    CheckedRows(RowOrigin rows, LoadCheck.Table check) {
        this.rows = rows;
        this.check = check;
    }

    @Override
    public Pass open(long committedRows, List<String> lastKey) throws IOException {
        Pass pass = rows.open(committedRows, lastKey);
        return new Pass() {
            private long number = committedRows;

            @Override
            public Object[] next() throws IOException {
                Object[] row = pass.next();
                if (row != null && ++number > shown) {
                    shown = number;
                    check.row(row, number);
                }
                return row;
            }

            @Override
            public void close() throws IOException {
                pass.close();
            }
        };
    }

    /** Reads what is left of {@code pass}: through the check, every problem of a refused table (and a dump's checksum). */
    static void drain(Pass pass) throws IOException {
        while (pass.next() != null) {
            // each row goes by the check, nothing is written
        }
    }

    /**
     * A table not written (its parent was rolled back) read through {@code check} all the same, so one run lists the
     * problems of every table: what its rows held, for the journal's reason (empty when nothing was found).
     */
    static String checkOnly(RowOrigin rows, LoadCheck.Table check) {
        try (Pass pass = new CheckedRows(rows, check).open(0, null)) {
            drain(pass);
        } catch (IOException | RuntimeException e) {
            return "; reading its rows failed: " + e.getMessage();
        }
        return check.refused() ? "; its rows: " + check.reason() : "";
    }
}
