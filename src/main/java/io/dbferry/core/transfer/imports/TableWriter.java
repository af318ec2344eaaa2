package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpReader;

import java.io.IOException;
import java.sql.SQLException;

/**
 * One way of writing a table's rows into the target, inside the transaction {@link TableLoader} holds:
 * {@link BulkWriter} (the dialect's fast path) or {@link BatchedWriter} (batched inserts behind savepoints,
 * replayed row by row by {@link RowReplay} to name a refused row). A row at fault throws {@link LoadFailure}.
 */
interface TableWriter {

    /** Writes every remaining row of the reader's current table; returns how many. */
    long write(DumpReader rows) throws SQLException, IOException;
}
