package io.dbferry.core.transfer.imports;

/**
 * The target's connection is gone (the server went away or stopped answering) while a table loaded: that
 * table is recorded as failed, and the import stops, since no later table could load either.
 */
final class ConnectionLost extends RuntimeException {

    final String table;
    final boolean timedOut;

    ConnectionLost(String table, boolean timedOut, Throwable cause) {
        super(cause);
        this.table = table;
        this.timedOut = timedOut;
    }
}
