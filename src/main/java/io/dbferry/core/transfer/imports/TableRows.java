package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.ValueConversionException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one table on their way from the file to the target: each converted for its target
 * column, its parent keys checked where a {@link ParentKeyCheck} does so, and a refused row described
 * by number, key and column as the journal records it.
 */
final class TableRows {

    private final TargetTable table;
    /** With foreign-key checks off: the keys checked as the rows go by; else null. */
    private final ParentKeyCheck parentKeys;

    /** With --rejects, where a row the target cannot take exactly goes instead of failing the load; else null. */
    private final RejectsWriter rejects;

    TableRows(TargetTable table, ParentKeyCheck parentKeys) {
        this(table, parentKeys, null);
    }

    /** fix-encoding's strategies chosen with --convert, applied to the text of each row before the fit; or null. */
    private final io.dbferry.core.encoding.TextFixes textFixes;

    TableRows(TargetTable table, ParentKeyCheck parentKeys, RejectsWriter rejects) {
        this(table, parentKeys, rejects, null);
    }

    /** The load's check of this table ({@link CheckedRows}), or null: once it has refused the table, no row is written. */
    private final io.dbferry.core.encoding.LoadCheck.Table check;

    TableRows(TargetTable table, ParentKeyCheck parentKeys, RejectsWriter rejects, io.dbferry.core.encoding.TextFixes textFixes) {
        this(table, parentKeys, rejects, textFixes, null);
    }

    TableRows(TargetTable table, ParentKeyCheck parentKeys, RejectsWriter rejects, io.dbferry.core.encoding.TextFixes textFixes,
              io.dbferry.core.encoding.LoadCheck.Table check) {
        this.table = table;
        this.parentKeys = parentKeys;
        this.rejects = rejects;
        this.textFixes = textFixes;
        this.check = check;
    }

    TargetTable table() {
        return table;
    }

    /** Forgets what an earlier pass over the rows found (the load starts again from the file). */
    void restart() {
        if (parentKeys != null) {
            parentKeys.restart();
        }
    }

    /**
     * The row converted for the target (only the columns written: a generated column's file value is left out), each
     * value checked by its column's {@link io.dbferry.core.dialect.TargetFit} (so a value the gate did not see, or a
     * load without a file, never commits a changed value), its parent keys checked where {@link #parentKeys} does so.
     * With {@link #rejects}, a row with such a value is written there as the file holds it, and null returned: not loaded.
     * Null too for every row once the load's {@link #check} has refused the table (it is rolled back before its commit).
     */
    Object[] prepared(Object[] fileRow, long rowNumber) {
        if (check != null && check.refused()) {
            return null; // the table's other rows are read to list every problem, but not sent
        }
        Object[] asInFile = rejects == null ? null : fileRow.clone(); // prepare may change the values in place
        if (textFixes != null) {
            textFixes.fixRow(fileRow); // as the encoding check did before anything was written
        }
        Object[] row = table.written(fileRow);
        for (int i = 0; i < row.length; i++) {
            try {
                row[i] = table.fits().get(i).prepare(row[i]);
            } catch (ValueConversionException e) {
                if (rejects != null) {
                    rejects.reject(table.source().name(), table.source().columns(), asInFile, rowNumber,
                            table.columns().get(i).name(), "'" + e.excerpt() + "': the value " + e.getMessage());
                    return null;
                }
                throw valueFailure(rowNumber, row, e);
            }
        }
        if (row != fileRow) {
            // the file's row converted too, so its key reads as written (ChunkRows.lastKey)
            for (int i = 0; i < row.length; i++) {
                fileRow[table.filePositions()[i]] = row[i];
            }
        }
        if (parentKeys != null) {
            parentKeys.check(row);
        }
        return row;
    }

    /** A value the target's column cannot hold exactly, or the write path cannot carry. */
    LoadFailure valueFailure(long rowNumber, Object[] row, ValueConversionException e) {
        return new LoadFailure("row " + rowNumber + key(row) + ", column " + e.column() + " = '" + e.excerpt() + "': the value "
                + e.getMessage(), rowNumber, e.column());
    }

    /** A row the server refused, with the column at fault where the dialect can tell it from the server's report. */
    LoadFailure refused(long rowNumber, Object[] row, SQLException e, Dialect dialect) {
        String message = String.valueOf(e.getMessage()).strip();
        FailureLocation at = dialect.locateFailure(e, table.columns(), row);
        String where = "row " + rowNumber + key(row);
        if (at.column() >= 0) {
            String name = table.columns().get(at.column()).name();
            return new LoadFailure(where + ", column " + name + " = '" + Excerpt.of(row[at.column()]) + "': " + message,
                    rowNumber, name);
        }
        return new LoadFailure(where + ": " + message, rowNumber, null);
    }

    /** The row's primary key as {@code " (id=3)"}, or nothing for a table without one. */
    private String key(Object[] row) {
        List<String> pk = table.target().primaryKey();
        if (pk.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String k : pk) {
            int i = indexOf(k);
            parts.add(k + "=" + (i >= 0 ? Excerpt.of(row[i]) : "?"));
        }
        return " (" + String.join(", ", parts) + ")";
    }

    private int indexOf(String column) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(column)) { // target columns, named as the key names them
                return i;
            }
        }
        return -1;
    }
}
