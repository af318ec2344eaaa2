package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.catalog.Column;
import io.dbferry.core.catalog.Table;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Streams the rows of one table in canonical order (primary key, text compared by code point), each
 * value read as its portable Java value. Export and verify both read through here, so a table read on
 * any engine yields the same rows in the same order.
 */
final class TableScan {

    @FunctionalInterface
    interface RowHandler {
        /** {@code flagged}: whether the scan's flag condition holds for this row (true when there is none). */
        void row(Object[] values, boolean flagged) throws IOException;
    }

    private TableScan() {
    }

    /** Reads {@code columns} of {@code table} where {@code condition} holds (null: all rows). Returns the row count. */
    static long read(DatabaseConnection db, Table table, List<Column> columns, Condition condition, RowHandler handler) {
        return read(db, table, columns, condition, null, handler);
    }

    /**
     * As {@link #read(DatabaseConnection, Table, List, Condition, RowHandler)}, also telling the handler per
     * row whether {@code flag} holds, so a caller can combine an SQL condition with a test in Java.
     */
    static long read(DatabaseConnection db, Table table, List<Column> columns, Condition condition, Condition flag,
                     RowHandler handler) {
        Dialect dialect = db.dialect();
        Connection jdbc = db.jdbc();
        var dsl = dialect.dsl(jdbc);
        List<Field<?>> fields = new ArrayList<>(columns.stream().<Field<?>>map(c -> DSL.field(DSL.name(c.name()))).toList());
        if (flag != null) {
            fields.add(DSL.when(flag, DSL.inline(1)).otherwise(DSL.inline(0)));
        }
        var query = dsl.select(fields).from(DSL.table(DSL.name(table.name())))
                .where(condition == null ? DSL.noCondition() : condition)
                .orderBy(order(dialect, table));
        String sql = query.getSQL();
        List<Object> binds = query.getBindValues();
        long rows = 0;
        boolean restoreAutoCommit = false;
        try {
            if (jdbc.getAutoCommit()) {
                // a streaming read on PostgreSQL needs a transaction; for the others it is harmless
                jdbc.setAutoCommit(false);
                restoreAutoCommit = true;
            }
            try (PreparedStatement ps = dialect.prepareStreaming(jdbc, sql)) {
                for (int i = 0; i < binds.size(); i++) {
                    ps.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            try {
                                row[i] = dialect.read(rs, i + 1, columns.get(i));
                            } catch (ValueConversionException e) {
                                throw unreadable(table, columns, rs, rows + 1, e);
                            }
                        }
                        rows++;
                        handler.row(row, flag == null || rs.getInt(columns.size() + 1) == 1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new DbferryException("Reading table " + table.name() + " failed after " + rows + " rows: " + e.getMessage(),
                    condition != null ? "Check the --where condition for " + table.name() + "." : null, e);
        } catch (IOException e) {
            throw new DbferryException("Writing the rows of " + table.name() + " failed: " + e.getMessage(),
                    "Check the free space and permissions where the file is written.", e);
        } finally {
            if (restoreAutoCommit) {
                try {
                    jdbc.rollback();
                    jdbc.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the read already failed or finished; nothing was written
                }
            }
        }
        return rows;
    }

    private static List<SortField<?>> order(Dialect dialect, Table table) {
        List<String> keys = table.hasPrimaryKey() ? table.primaryKey() : table.columnNames();
        List<SortField<?>> order = new ArrayList<>();
        for (String key : keys) {
            Column column = table.column(key).orElseThrow();
            order.add(dialect.binaryOrder(DSL.field(DSL.name(key)), column).asc());
        }
        return order;
    }

    private static DbferryException unreadable(Table table, List<Column> columns, ResultSet rs, long rowNumber,
                                               ValueConversionException e) throws SQLException {
        return new DbferryException("Table " + table.name() + ", row " + key(table, columns, rs, rowNumber) + ", column " + e.column()
                + ": the value '" + e.excerpt() + "' " + e.getMessage() + "; it cannot be carried without changing it.",
                "Correct the value in the source, or leave the table out with --exclude " + table.name() + ".", e);
    }

    /** The row's primary key as {@code (Id=17)}, read raw so a broken value elsewhere cannot hide it. */
    static String key(Table table, List<Column> columns, ResultSet rs, long rowNumber) throws SQLException {
        if (!table.hasPrimaryKey()) {
            return "#" + rowNumber;
        }
        List<String> parts = new ArrayList<>();
        for (String k : table.primaryKey()) {
            int index = columns.stream().map(Column::name).toList().indexOf(k);
            parts.add(k + "=" + (index >= 0 ? Excerpt.of(rs.getString(index + 1)) : "?"));
        }
        return parts.stream().collect(Collectors.joining(", ", "(", ")"));
    }
}
