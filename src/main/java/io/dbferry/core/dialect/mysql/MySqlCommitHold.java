package io.dbferry.core.dialect.mysql;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MySQL and MariaDB cannot share one snapshot between connections, and each {@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT} shows the moment it runs. A guard connection's {@code LOCK TABLES ... READ} waits for
 * every transaction writing to those tables to end and holds new writes back, so the snapshots begun while it
 * is held all show the same committed rows (as mydumper does; this needs only the LOCK TABLES privilege, not
 * the RELOAD of FLUSH TABLES WITH READ LOCK). The lock ends when the guard's connection closes.
 */
final class MySqlCommitHold {

    /** How long the lock waits for a transaction still writing to one of the tables before the copy gives up. */
    private static final int WAIT_SECONDS = 60;

    private MySqlCommitHold() {
    }

    /** Holds commits to {@code tables} back (returns with the lock held; nothing to do for no table). */
    static void hold(Connection guard, DSLContext dsl, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        String locks = tables.stream().map(t -> dsl.render(DSL.name(t)) + " READ").collect(Collectors.joining(", "));
        try (Statement st = guard.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = " + WAIT_SECONDS);
            st.execute("LOCK TABLES " + locks);
        }
    }
}
