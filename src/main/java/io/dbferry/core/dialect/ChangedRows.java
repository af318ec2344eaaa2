package io.dbferry.core.dialect;

import org.jooq.Condition;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What an engine keeps of when each row last changed, readable without writing to the source: a mark of the
 * snapshot a copy or sync reads in, and later a condition that holds for every row changed since that mark (and
 * may hold for some that did not: those are compared and found equal). A sync given a mark reads only those rows.
 * As a sync's target, the engine may name a table's storage, which creating the table again changes (and, as each
 * engine says, emptying or rebuilding it): a mark is then not trusted for it. This base class keeps nothing (SQLite; MySQL and
 * MariaDB have no binlog reader here and name a table's storage only): every row is compared.
 */
public class ChangedRows {

    /** A snapshot's mark: {@code origin} names the database it was taken in, {@code since} the engine's position then. */
    public record Mark(String origin, long since) {
    }

    /** The mark of the snapshot {@code connection} is reading in now (inside it); empty where the engine keeps none. */
    public Optional<Mark> mark(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Why {@code mark} cannot be used for {@code table} on {@code connection}'s database now (another database, too old,
     * the table redefined), or empty; {@code now}: the mark of the snapshot read in now ({@link #mark}; null: none told).
     */
    public Optional<String> unusable(Connection connection, Mark mark, Mark now, String table) throws SQLException {
        return Optional.of("the source keeps no row versions");
    }

    /** What names {@code table}'s storage on this target now, which creating it again changes; empty where the engine tells none. */
    public Optional<String> tableIdentity(Connection connection, String table) throws SQLException {
        return Optional.empty();
    }

    /** The rows changed since {@code mark}, as seen in the snapshot {@code connection} reads in now. */
    public Condition changedSince(Connection connection, Mark mark) throws SQLException {
        throw new SQLException("this engine keeps no row versions");
    }
}
