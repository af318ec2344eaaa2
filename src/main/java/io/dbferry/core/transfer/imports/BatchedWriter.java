package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.rows.PrefetchedRows;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepared-statement batches of {@code batchSize} rows, each behind a savepoint; a refused batch is
 * rolled back to its savepoint and replayed row by row ({@link RowReplay}) to name the row at fault.
 * The rows are read and converted ahead on a second thread ({@link PrefetchedRows}).
 */
final class BatchedWriter implements TableWriter {

    private final Connection jdbc;
    private final Dialect dialect;
    private final TableRows rows;
    private final ProgressListener progress;
    private final int batchSize;
    private final RowReplay replay;
    private final List<Object[]> batch = new ArrayList<>();
    private long batchFirstRow = 1;

    BatchedWriter(Connection jdbc, Dialect dialect, TableRows rows, ProgressListener progress, int batchSize) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.rows = rows;
        this.progress = progress;
        this.batchSize = batchSize;
        this.replay = new RowReplay(jdbc, dialect, rows);
    }

    @Override
    public long write(BulkLoader.RowSource from, long firstRow) throws SQLException, IOException {
        long count = firstRow - 1;
        batchFirstRow = firstRow;
        rows.restart();
        String table = rows.table().name();
        try (PreparedStatement insert = jdbc.prepareStatement(insertSql());
             PrefetchedRows prefetched = new PrefetchedRows(from)) {
            Object[] row;
            while ((row = prefetched.next()) != null) {
                if (progress.cancelled()) {
                    throw new LoadFailure(OperationCancelledException.REASON, null, null);
                }
                count++;
                Object[] prepared = rows.prepared(row, count);
                if (prepared == null) {
                    // rejected (--rejects): the rows before it go first, so each batch's rows keep their numbers
                    flush(insert);
                    batchFirstRow++;
                    continue;
                }
                batch.add(prepared);
                if (batch.size() >= batchSize) {
                    flush(insert);
                    progress.rowsDone(table, count);
                }
            }
            flush(insert);
        }
        return count - firstRow + 1;
    }

    private String insertSql() {
        TargetTable table = rows.table();
        return dialect.dsl(jdbc).insertInto(DSL.table(DSL.name(table.name())),
                        table.columns().stream().map(c -> DSL.field(DSL.name(c.name()))).toList())
                .values(table.columns().stream().map(c -> DSL.field(dialect.insertParameter(c), (Object) null)).toList())
                .getSQL(ParamType.INDEXED);
    }

    private void flush(PreparedStatement insert) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Savepoint savepoint = jdbc.setSavepoint();
        try {
            for (int r = 0; r < batch.size(); r++) {
                replay.bind(insert, batch.get(r), batchFirstRow + r);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            if (dialect.isConnectionLost(e)) {
                throw e; // no row to find on a connection that is gone
            }
            insert.clearBatch();
            jdbc.rollback(savepoint);
            throw replay.locate(insert, batch, batchFirstRow, e);
        }
        jdbc.releaseSavepoint(savepoint);
        batchFirstRow += batch.size();
        batch.clear();
    }
}
