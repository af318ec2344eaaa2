package io.dbferry.core.transfer.imports;

import io.dbferry.core.dialect.BulkLoader;

import java.io.IOException;
import java.sql.SQLException;

/**
 * One way of writing a table's rows into the target, inside the transaction {@link TableLoader} holds:
 * {@link BulkWriter} (the dialect's fast path) or {@link BatchedWriter} (batched inserts behind savepoints,
 * replayed row by row by {@link RowReplay} to name a refused row). A row at fault throws {@link LoadFailure}.
 * The rows come from a dump or from the source alike ({@link RowOrigin}).
 */
interface TableWriter {

    /** Writes every row {@code rows} gives, the first being row {@code firstRow} of its table; returns how many. */
    long write(BulkLoader.RowSource rows, long firstRow) throws SQLException, IOException;

    /** The rows of the refused fast load read again from their first and written by {@code writer}; returns how many. */
    @FunctionalInterface
    interface Again {
        long write(TableWriter writer) throws SQLException, IOException;
    }
}
