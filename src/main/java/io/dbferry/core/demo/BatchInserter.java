package io.dbferry.core.demo;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.model.Column;
import io.dbferry.core.model.Table;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes generated rows into one table: one prepared INSERT, values bound through the target's dialect,
 * sent in batches and committed in chunks so that millions of rows need neither memory nor one giant
 * transaction. A failure rolls back the open chunk and names the table and row.
 */
final class BatchInserter implements AutoCloseable {

    /** Opens the inserter for one table; the demo's parts write their tables through it. */
    @FunctionalInterface
    interface Factory {
        BatchInserter open(String table, List<String> columns, long expectedRows);
    }

    static final int BATCH = 1_000;
    static final int COMMIT_EVERY = 20_000;

    private final Connection jdbc;
    private final Dialect dialect;
    private final Table table;
    private final List<Column> columns = new ArrayList<>();
    private final ProgressListener progress;
    private final PreparedStatement insert;
    private final boolean autoCommit;
    private long rows;
    private int pending;

    BatchInserter(DatabaseConnection target, String tableName, List<String> columnNames, long expectedRows,
                  ProgressListener progress) {
        this.jdbc = target.jdbc();
        this.dialect = target.dialect();
        this.progress = progress;
        this.table = target.catalog().table(tableName);
        for (String name : columnNames) {
            columns.add(table.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new DbferryException(Kind.TARGET_MISMATCH, Where.of(tableName, null, name),
                            "The demo table " + tableName + " has no column " + name
                            + "; its schema is not the one the demo migrations create.",
                            "Create the demo in an empty database.")));
        }
        var dsl = dialect.dsl(jdbc);
        String sql = "insert into " + dsl.render(DSL.name(table.name())) + " ("
                + columns.stream().map(c -> dsl.render(DSL.name(c.name()))).collect(Collectors.joining(", "))
                + ") values (" + columns.stream().map(dialect::insertParameter).collect(Collectors.joining(", ")) + ")";
        try {
            this.autoCommit = jdbc.getAutoCommit();
            jdbc.setAutoCommit(false);
            this.insert = jdbc.prepareStatement(sql);
        } catch (SQLException e) {
            throw failure("cannot prepare the insert", e);
        }
        progress.tableStarted(table.name(), expectedRows);
    }

    String table() {
        return table.name();
    }

    void add(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                dialect.bind(insert, i + 1, values[i], columns.get(i));
            }
            insert.addBatch();
            pending++;
            rows++;
            if (pending >= BATCH) {
                insert.executeBatch();
                pending = 0;
            }
            if (rows % COMMIT_EVERY == 0) {
                jdbc.commit();
                progress.rowsDone(table.name(), rows);
            }
        } catch (SQLException e) {
            throw failure("row " + rows + " failed", e);
        }
    }

    /** Sends what is left, commits, and moves the auto-increment counter past the ids written. */
    long finish() {
        try {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
            jdbc.commit();
            dialect.resetAutoIncrement(jdbc, table);
            jdbc.commit();
        } catch (SQLException e) {
            throw failure("the last chunk failed", e);
        }
        progress.rowsDone(table.name(), rows);
        progress.tableFinished(table.name(), rows);
        return rows;
    }

    private DbferryException failure(String what, SQLException e) {
        SQLException detail = e.getNextException() != null ? e.getNextException() : e;
        try {
            jdbc.rollback();
        } catch (SQLException ignored) {
            // the first error is the one to report
        }
        progress.tableFailed(table.name(), detail.getMessage());
        return new DbferryException(Kind.DATABASE, Where.table(table.name()), "Writing the demo table " + table.name() + " failed (" + what + "): "
                + detail.getMessage(), "Create the demo in a new, empty database; details are in ~/.dbferry/dbferry.log.", e);
    }

    @Override
    public void close() {
        try {
            insert.close();
            jdbc.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // the connection is broken; the next command will say so
        }
    }
}
