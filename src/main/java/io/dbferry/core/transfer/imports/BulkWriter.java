package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.BulkLoader;
import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.FailureLocation;
import io.dbferry.core.dialect.ValueConversionException;
import io.dbferry.core.progress.OperationCancelledException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.rows.PrefetchedRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The engine's fast path (see {@link BulkLoader}). A value the path cannot carry names its row and
 * column at once; when the server refuses the data, the table (or the chunk) is rolled back and loaded
 * again from its origin (the file, or the source) through {@link BatchedWriter}, which names the row and column at fault (or, where only the fast
 * path balked, loads the table).
 */
final class BulkWriter implements TableWriter {

    private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

    private final BulkLoader bulk;
    private final Connection jdbc;
    private final Dialect dialect;
    private final TableRows rows;
    private final ProgressListener progress;
    private final int batchSize;
    private final TableWriter.Again again;
    private final Supplier<TableWriter> fallback;
    private final Duration sendTimeout;
    private boolean fellBack;
    private long taken;
    private Object[] current;
    private long produced;
    /** Rows of the file left out for the rejects file: read, not sent. */
    private volatile long skipped;

    BulkWriter(BulkLoader bulk, Connection jdbc, Dialect dialect, TableRows rows, ProgressListener progress, int batchSize,
               TableWriter.Again again, Supplier<TableWriter> fallback, Duration sendTimeout) {
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.rows = rows;
        this.progress = progress;
        this.batchSize = batchSize;
        this.again = again;
        this.fallback = fallback;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public long write(BulkLoader.RowSource source, long firstRow) throws SQLException, IOException {
        TargetTable table = rows.table();
        produced = firstRow - 1;
        taken = firstRow - 1;
        skipped = 0;
        // what the transaction did before these rows (a --clear) stays when the fast path is rolled back
        Savepoint beforeRows = jdbc.setSavepoint();
        try (PrefetchedRows prefetched = new PrefetchedRows(() -> produce(source));
             SendWatchdog watchdog = new SendWatchdog(jdbc, sendTimeout)) {
            long stored = sent(watchdog, () -> bulk.load(jdbc, table.name(), table.columns(), () -> {
                Object[] row = prefetched.next();
                if (row != null) {
                    taken++;
                    current = row;
                    watchdog.rowTaken();
                } else {
                    watchdog.allSent();
                }
                return row;
            }));
            long given = taken - firstRow + 1;
            if (stored != given) {
                throw new SQLException("the server stored " + stored + " of " + given + " rows");
            }
            return given + skipped; // the file's rows read, the rejected ones too
        } catch (ValueConversionException e) {
            throw rows.valueFailure(taken, current, e);
        } catch (SQLException e) {
            if (dialect.isConnectionLost(e)) {
                throw e; // nothing to load again on a connection that is gone
            }
            FailureLocation at = dialect.locateFailure(e, table.columns(), null);
            log.info("fast load of {} refused at or before row {}{} ({}); loading it again row by row to find the row",
                    table.name(), taken, at.row() > 0 ? " (the server says row " + at.row() + ")" : "", e.getMessage());
            jdbc.rollback(beforeRows); // to the start of the table's rows, or of the chunk being written
            fellBack = true;
            return again.write(fallback.get());
        }
    }

    private interface Load {
        long run() throws SQLException, IOException;
    }

    /** The load, failing as a server timeout when the watchdog ended it. */
    private static long sent(SendWatchdog watchdog, Load load) throws SQLException, IOException {
        try {
            return load.run();
        } catch (SQLException | IOException | RuntimeException e) {
            if (watchdog.fired()) {
                throw watchdog.timedOut(e);
            }
            throw e;
        }
    }

    /** Whether the fast path was refused and the rows went in again through {@link BatchedWriter}. */
    boolean fellBack() {
        return fellBack;
    }

    /** Runs on the read-ahead thread: reads and converts; taken and current follow what the loader took. */
    private Object[] produce(BulkLoader.RowSource source) throws IOException {
        Object[] prepared;
        do {
            prepared = produceOne(source);
        } while (prepared == REJECTED);
        return prepared;
    }

    /** Marks a row {@link TableRows#prepared} left out (--rejects). */
    private static final Object[] REJECTED = new Object[0];

    private Object[] produceOne(BulkLoader.RowSource source) throws IOException {
        Object[] row = source.next();
        if (row == null) {
            return null;
        }
        if (progress.cancelled()) {
            throw new LoadFailure(OperationCancelledException.REASON, null, null);
        }
        produced++;
        if (produced % batchSize == 0) {
            progress.rowsDone(rows.table().name(), produced);
        }
        Object[] prepared = rows.prepared(row, produced);
        if (prepared == null) {
            skipped++;
            return REJECTED;
        }
        return prepared;
    }
}
