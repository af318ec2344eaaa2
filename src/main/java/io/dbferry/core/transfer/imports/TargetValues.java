package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpTable;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;

import java.util.List;

/**
 * The import's value checks for writers outside the import (sync): each source row converted for its
 * target columns by {@link TableRows#prepared}, so a value the target cannot hold exactly is refused the
 * same way, naming its table, row, key and column.
 */
public final class TargetValues {

    private final TableRows rows;

    private TargetValues(TableRows rows) {
        this.rows = rows;
    }

    /** {@code source}: the columns as read; each must exist on {@code target} (the caller has checked). */
    public static TargetValues of(Table source, Table target, Dialect targetDialect) {
        List<DumpColumn> columns = source.columns().stream()
                .map(c -> new DumpColumn(c.name(), c.portableType(), c.declaredType(), c.nullable(), source.primaryKey().contains(c.name())))
                .toList();
        return new TargetValues(new TableRows(TargetTable.match(new DumpTable(source.name(), columns), target, targetDialect), null));
    }

    /** The target's columns, in the order of the source's. */
    public List<Column> columns() {
        return rows.table().columns();
    }

    /** The row converted for the target; {@code rowNumber} names it in a refusal. */
    public Object[] prepared(Object[] row, long rowNumber) {
        try {
            return rows.prepared(row, rowNumber);
        } catch (LoadFailure failure) {
            String table = rows.table().name();
            throw new DbferryException(Kind.VALUE_NOT_CARRIED, Where.of(table, failure.row == null ? null : failure.row.toString(),
                    failure.column), "Table " + table + ", " + failure.reason + "; it cannot be written without changing it.",
                    "Correct the value in the source, or leave the table out with --exclude " + table + ".", failure);
        }
    }
}
