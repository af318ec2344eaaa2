package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.DbferryException.Where;
import io.dbferry.core.session.DatabaseConnection;

import java.sql.Connection;
import java.sql.SQLException;

/** The read-only snapshot of the source a copy reads in, begun once and ended whatever happened. */
final class CopySnapshot {

    private CopySnapshot() {
    }

    static void begin(DatabaseConnection source) {
        try {
            source.dialect().beginSnapshot(source.jdbc());
        } catch (SQLException e) {
            throw new DbferryException(Kind.DATABASE, Where.NOWHERE, "The copy could not start its read-only snapshot of the source.",
                    "Check that the source is still connected ('status'), then copy again.", e);
        }
    }

    static void end(DatabaseConnection source) {
        Connection jdbc = source.jdbc();
        try {
            if (!jdbc.getAutoCommit()) {
                jdbc.rollback();
                jdbc.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the snapshot was read-only; there is nothing to keep
        }
    }
}
