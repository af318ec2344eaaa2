package io.dbferry.core.transfer.imports;

import io.dbferry.core.session.DatabaseConnection;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;

/** Ending a transaction on a connection that may already be broken. */
final class Transactions {

    private Transactions() {
    }

    static void rollbackQuietly(Connection jdbc) {
        try {
            jdbc.rollback();
        } catch (SQLException ignored) {
            // the connection is already broken; the transaction is gone with it
        }
    }

    static void autoCommitQuietly(Connection jdbc) {
        try {
            jdbc.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above
        }
    }

    /** Deletes every row of {@code table} in a transaction of its own; on failure rolled back and thrown. */
    static void deleteAllRows(DatabaseConnection db, String table) throws SQLException {
        Connection jdbc = db.jdbc();
        try {
            jdbc.setAutoCommit(false);
            db.dialect().dsl(jdbc).deleteFrom(DSL.table(DSL.name(table))).execute();
            jdbc.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(jdbc);
            throw e;
        } finally {
            autoCommitQuietly(jdbc);
        }
    }
}
