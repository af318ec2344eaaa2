package io.dbferry.core.transfer.imports;

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
}
