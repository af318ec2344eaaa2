package io.dbferry.core.rows;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.Excerpt;
import io.dbferry.core.dialect.RowReader;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;
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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Streams the rows of one table in canonical order (primary key, text compared by code point), each
 * value read as its portable Java value. Export and verify both read through here, so a table read on
 * any engine yields the same rows in the same order.
 */
public final class TableScan implements AutoCloseable {

    @FunctionalInterface
    public interface RowHandler {
        /** {@code flagged}: whether the scan's flag condition holds for this row (true when there is none). */
        void row(Object[] values, boolean flagged) throws IOException;
    }

    private final Table table;
    private final List<Column> columns;
    private final Dialect dialect;
    private final Connection jdbc;
    private final boolean hasFlag;
    private final boolean restoreAutoCommit;
    private final boolean storedText;
    private final PreparedStatement statement;
    private final ResultSet rs;
    /** Built on the first row read as values (a stored-text scan never needs it: on SQLite it asks the encoding). */
    private RowReader reader;
    private long rows;
    private boolean flagged;

    private TableScan(DatabaseConnection db, Table table, List<Column> columns, Condition condition, Condition flag,
                      org.jooq.Table<?> from, boolean storedText) throws SQLException {
        this.table = table;
        this.storedText = storedText;
        this.columns = columns;
        this.dialect = db.dialect();
        this.jdbc = db.jdbc();
        this.hasFlag = flag != null;
        List<Field<?>> fields = new ArrayList<>(columns.stream().<Field<?>>map(c -> DSL.field(DSL.name(c.name()))).toList());
        if (flag != null) {
            fields.add(DSL.when(flag, DSL.inline(1)).otherwise(DSL.inline(0)));
        }
        var query = dialect.dsl(jdbc).select(fields).from(from)
                .where(condition == null ? DSL.noCondition() : condition)
                .orderBy(order(dialect, table));
        // a streaming read on PostgreSQL needs a transaction; for the others it is harmless
        this.restoreAutoCommit = jdbc.getAutoCommit();
        if (restoreAutoCommit) {
            jdbc.setAutoCommit(false);
        }
        this.statement = dialect.prepareStreaming(jdbc, query.getSQL());
        List<Object> binds = query.getBindValues();
        for (int i = 0; i < binds.size(); i++) {
            statement.setObject(i + 1, binds.get(i));
        }
        this.rs = statement.executeQuery();
    }

    /** Opens a cursor over {@code columns} of {@code table} where {@code condition} holds (null: all rows). */
    public static TableScan open(DatabaseConnection db, Table table, List<Column> columns, Condition condition, Condition flag) {
        return open(db, table, columns, condition, flag, false);
    }

    private static TableScan open(DatabaseConnection db, Table table, List<Column> columns, Condition condition, Condition flag,
                                  boolean storedText) {
        try {
            return new TableScan(db, table, columns, condition, flag, DSL.table(DSL.name(table.name())), storedText);
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.table(table.name()), "Reading table " + table.name() + " failed.",
                    condition != null ? "Check the --where condition for " + table.name() + "." : null, e);
        }
    }

    /**
     * Opens a cursor over {@code columns} of {@code from}, a FROM that yields the table's columns by their names (sync's
     * join of the table with the key ranges to read), in the table's key order.
     */
    public static TableScan openFrom(DatabaseConnection db, Table table, List<Column> columns, org.jooq.Table<?> from) {
        try {
            return new TableScan(db, table, columns, null, null, from, false);
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.table(table.name()), "Reading the differing key ranges of table "
                    + table.name() + " failed.", "Run the sync again with -Ddbferry.sync.checksums=off in DBFERRY_JAVA_OPTS to read every row.", e);
        }
    }

    /**
     * Opens a cursor for inspecting text as stored (validate-encoding): TEXT and JSON columns come as
     * {@link Dialect#readStoredText} gives them (a String, or byte[] when not valid UTF-8), other
     * columns as the driver's string, so that no value stops the scan.
     */
    public static TableScan openStoredText(DatabaseConnection db, Table table, List<Column> columns) {
        return open(db, table, columns, null, null, true);
    }

    /**
     * Reads every row into {@code handler}; returns the row count. The rows are read ahead on a second
     * thread ({@link PrefetchedRows}), so the driver's reads overlap with what the handler does (an
     * export's JSON writing); the handler runs on the caller's thread, in row order.
     */
    public static long read(DatabaseConnection db, Table table, List<Column> columns, Condition condition, Condition flag,
                     RowHandler handler) {
        try (TableScan scan = open(db, table, columns, condition, flag);
             PrefetchedRows rows = new PrefetchedRows(scan::nextWithFlag)) {
            long count = 0;
            Object[] row;
            while ((row = rows.next()) != null) {
                count++;
                if (scan.hasFlag) {
                    handler.row(Arrays.copyOf(row, row.length - 1), (Boolean) row[row.length - 1]);
                } else {
                    handler.row(row, true);
                }
            }
            return count;
        } catch (IOException e) {
            throw new DbferryException(Kind.FILE, Where.table(table.name()), "Writing the rows of " + table.name() + " failed: " + e.getMessage(),
                    "Check the free space and permissions where the file is written.", e);
        }
    }

    /** The next row with the flag's value after the last column when the scan has a flag, or null at the end. */
    private Object[] nextWithFlag() {
        Object[] row = next();
        if (row == null || !hasFlag) {
            return row;
        }
        Object[] withFlag = Arrays.copyOf(row, row.length + 1);
        withFlag[row.length] = flagged;
        return withFlag;
    }

    /** The next row, or null at the end. */
    public Object[] next() {
        try {
            if (!rs.next()) {
                return null;
            }
            Object[] row = new Object[columns.size()];
            try {
                if (storedText) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = storedValue(i + 1, columns.get(i));
                    }
                } else {
                    if (reader == null) {
                        reader = dialect.rowReader(rs, columns);
                    }
                    reader.read(row);
                }
            } catch (ValueConversionException e) {
                throw unreadable(rows + 1, e);
            }
            rows++;
            flagged = !hasFlag || rs.getInt(columns.size() + 1) == 1;
            return row;
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.of(table.name(), Long.toString(rows + 1), null),
                    "Reading table " + table.name() + " failed after " + rows + " rows.", null, e);
        }
    }

    private Object storedValue(int index, Column column) throws SQLException {
        return switch (column.portableType()) {
            case TEXT, JSON -> dialect.readStoredText(rs, index);
            case BINARY -> rs.getBytes(index);
            default -> rs.getString(index);
        };
    }

    /** Whether the scan's flag condition held for the row {@link #next()} gave last (true when there is none). */
    public boolean flagged() {
        return flagged;
    }

    public long rowNumber() {
        return rows;
    }

    @Override
    public void close() {
        try {
            rs.close();
            statement.close();
            if (restoreAutoCommit) {
                jdbc.rollback();
                jdbc.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // a read-only scan has nothing to keep; a broken connection reports itself on next use
        }
    }

    private static List<SortField<?>> order(Dialect dialect, Table table) {
        List<String> keys = table.hasPrimaryKey() ? table.primaryKey() : table.columnNames();
        List<SortField<?>> order = new ArrayList<>();
        for (String key : keys) {
            Column column = table.column(key).orElseThrow();
            SortField<?> sort = dialect.binaryOrder(DSL.field(DSL.name(column.name())), column).asc();
            // PostgreSQL sorts NULL last, the others first: say it, so every engine yields the same order
            order.add(column.nullable() ? sort.nullsFirst() : sort);
        }
        return order;
    }

    private DbferryException unreadable(long rowNumber, ValueConversionException e) throws SQLException {
        String key = key(rowNumber);
        Where where = Where.of(table.name(), key.startsWith("(") ? key.substring(1, key.length() - 1) : key, e.column());
        return new DbferryException(Kind.VALUE_NOT_CARRIED, where, "Table " + table.name() + ", row " + key + ", column " + e.column()
                + ": the value '" + e.excerpt() + "' " + e.getMessage() + "; it cannot be carried without changing it.",
                "Correct the value in the source, or leave the table out with --exclude " + table.name() + ".", e);
    }

    /** The row's primary key as {@code (Id=17)}, read raw so a broken value elsewhere cannot hide it. */
    private String key(long rowNumber) throws SQLException {
        if (!table.hasPrimaryKey()) {
            return "#" + rowNumber;
        }
        List<String> names = columns.stream().map(Column::name).toList();
        List<String> parts = new ArrayList<>();
        for (String k : table.primaryKey()) {
            int index = names.indexOf(k);
            parts.add(k + "=" + (index >= 0 ? Excerpt.of(rs.getString(index + 1)) : "?"));
        }
        return parts.stream().collect(Collectors.joining(", ", "(", ")"));
    }
}
