package io.dbferry.core.transfer.imports;

import io.dbferry.core.model.Column;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.model.Table;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.RowSelection;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.util.List;

/**
 * A source table's chosen rows, read in the copy's snapshot in key order (as export-records reads them),
 * straight from the driver's result set into the target's writer: no file, no second decode. A pass that
 * resumes after committed rows seeks past the last key where the key is one integer column (the scan starts
 * there), else reads and drops the committed rows (exact while the source is unchanged, as a copy requires).
 */
final class SourceRows implements RowOrigin {

    private final DatabaseConnection source;
    private final Table table;
    private final RowSelection selection;
    /** One key range's rows only ({@link KeyRangeLoad}); null: all the chosen rows. */
    private final Condition range;

    SourceRows(DatabaseConnection source, Table table, RowSelection selection) {
        this(source, table, selection, null);
    }

    private SourceRows(DatabaseConnection source, Table table, RowSelection selection, Condition range) {
        this.source = source;
        this.table = table;
        this.selection = selection;
        this.range = range;
    }

    /** The same table's rows within {@code range}, read through {@code reader} (a connection in the copy's snapshot). */
    SourceRows within(Condition range, DatabaseConnection reader) {
        return new SourceRows(reader, table, selection, range);
    }

    /** The connection these rows are read through. */
    DatabaseConnection source() {
        return source;
    }

    @Override
    public Pass open(long committedRows, List<String> lastKey) {
        Condition after = null;
        long skip = committedRows;
        Column key = integerKey();
        if (committedRows > 0 && key != null && lastKey != null && lastKey.size() == 1) {
            after = DSL.field(DSL.name(key.name()), Long.class).gt(Long.parseLong(lastKey.get(0)));
            skip = 0;
        }
        Condition limit = range == null ? after : after == null ? range : range.and(after);
        RowSelection.Rows rows = selection.open(source, table, limit);
        for (long s = 0; s < skip && rows.next() != null; s++) {
            // rows committed by the run this one resumes
        }
        return new Pass() {
            @Override
            public Object[] next() {
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /** The primary key when it is one integer column, else null. */
    Column integerKey() {
        if (table.primaryKey().size() != 1) {
            return null;
        }
        Column c = table.column(table.primaryKey().get(0)).orElseThrow();
        return c.portableType() == PortableType.INTEGER ? c : null;
    }
}
