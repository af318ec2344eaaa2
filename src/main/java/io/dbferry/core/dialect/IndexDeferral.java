package io.dbferry.core.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Secondary indexes set aside while a table loads and built again once its rows are in, inside the load's own
 * transaction: one sorted build instead of an index entry per row (how pgloader loads). Only engines whose DDL is
 * transactional offer it, so a failed load, a rollback or a crash leaves every index as it was; indexes that
 * enforce something (primary keys, unique indexes and constraints) stay in place and check every row as it goes.
 */
public interface IndexDeferral {

    /** Drops {@code table}'s deferrable indexes in the caller's open transaction; what comes back builds them again. */
    SetAside setAside(Connection connection, String table) throws SQLException;

    /** The indexes dropped, to be built again before the commit. */
    interface SetAside {
        /** The names of the indexes set aside (none: nothing to build). */
        List<String> names();

        /** Creates them again as they were, in the same transaction. */
        void rebuild() throws SQLException;
    }
}
