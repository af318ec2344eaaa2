package io.dbferry.core.dialect;

import io.dbferry.core.model.Column;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An engine's fast path for loading one table (PostgreSQL {@code COPY}, MySQL {@code LOAD DATA LOCAL
 * INFILE}): the rows stream from the dump straight into the server, inside the caller's transaction.
 *
 * <p>It either stores every row exactly or throws: the caller then rolls the table back and loads it
 * again through the row-by-row path, which names the row and column at fault. A fast path therefore
 * never needs to say which row failed, only that one did.
 */
public interface BulkLoader {

    /** Where rows come from: values already in the target column's portable class; null after the last row. */
    @FunctionalInterface
    interface RowSource {
        Object[] next() throws IOException;

        /** Throws again, as what it was, a failure caught from {@link #next()} on another path; null is no failure. */
        static void rethrow(Throwable failure) throws IOException {
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IOException(failure);
            }
        }
    }

    /**
     * Loads every row of {@code rows} into {@code table}'s {@code columns} (in that order) and returns how
     * many rows the server stored. Throws {@link ValueConversionException} for a value the path cannot
     * carry (the current row is at fault), {@link SQLException} when the server refused the data.
     */
    long load(Connection connection, String table, List<Column> columns, RowSource rows) throws SQLException, IOException;
}
