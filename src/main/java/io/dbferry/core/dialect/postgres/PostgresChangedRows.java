package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.ChangedRows;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;

/**
 * PostgreSQL's row versions: every row version carries {@code xmin}, the transaction that wrote it, and no
 * UPDATE, INSERT or COPY leaves it unchanged; VACUUM and freezing keep it (since 9.4). The mark is the oldest
 * transaction still running when the snapshot was taken ({@code txid_snapshot_xmin}, 64 bits with the epoch): a
 * row version written by any transaction older than that was committed before the snapshot and is the one the
 * copy or sync read. Rows whose {@code xmin} is that transaction or newer are read again; that includes rows of
 * transactions that were running then (subtransactions too, which the snapshot's list of running ones leaves
 * out). The origin is the cluster's system identifier, the database's OID and the timeline of the last checkpoint, so
 * a mark of another server, another database or (after its first checkpoint) a server promoted or recovered to a
 * point in time is not used. A table whose definition changed since (a column added with a default fills the rows
 * without writing them; an enum value renamed) is compared in full: its catalog rows are then newer than the mark.
 */
final class PostgresChangedRows extends ChangedRows {

    private static final long EPOCH = 1L << 32;
    /** A mark this many transactions old might meet a wrapped-around xmin: compared in full instead. */
    private static final long TOO_OLD = (1L << 31) - (1L << 24);

    /**
     * Read under a savepoint inside the snapshot's transaction: a server that refuses the query (hides
     * pg_control_system) would otherwise abort that transaction, and the copy or sync meant to go on without a mark
     * could read nothing more.
     */
    @Override
    public Optional<Mark> mark(Connection connection) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select (select system_identifier from pg_control_system())::text"
                + " || '/' || (select oid from pg_database where datname = current_database())::text"
                + " || '/' || (select timeline_id from pg_control_checkpoint())::text, txid_snapshot_xmin(txid_current_snapshot())")) {
            rs.next();
            Optional<Mark> mark = Optional.of(new Mark(rs.getString(1), rs.getLong(2)));
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return mark;
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            throw e;
        }
    }

    @Override
    public Optional<String> unusable(Connection connection, Mark mark, Mark now, String table) throws SQLException {
        if (now == null) {
            return Optional.of("the source does not tell its mark now");
        }
        if (!now.origin().equals(mark.origin())) {
            return Optional.of("the source is not the database the mark was taken in");
        }
        long next = next(connection);
        long age = next - mark.since();
        if (age < 0) {
            return Optional.of("the mark is newer than the source (restored from a backup?)");
        }
        if (age > TOO_OLD) {
            return Optional.of("the mark is more than 2 billion transactions old");
        }
        return redefined(next, connection, mark, table) ? Optional.of("the source table's definition changed since") : Optional.empty();
    }

    /** Whether a catalog row of {@code table} (the table, its columns and defaults, their enum labels) was written since the mark. */
    private boolean redefined(long next, Connection connection, Mark mark, String table) throws SQLException {
        String sql = "select exists (select 1 from pg_class c where c.oid = to_regclass(?) and " + since(next, mark, "c.xmin") + ")"
                + " or exists (select 1 from pg_attribute a where a.attrelid = to_regclass(?) and " + since(next, mark, "a.xmin") + ")"
                + " or exists (select 1 from pg_attrdef d where d.adrelid = to_regclass(?) and " + since(next, mark, "d.xmin") + ")"
                + " or exists (select 1 from pg_enum e join pg_attribute a on a.atttypid = e.enumtypid where a.attrelid = to_regclass(?)"
                + " and " + since(next, mark, "e.xmin") + ")";
        try (java.sql.PreparedStatement ps = connection.prepareStatement(sql)) {
            String name = DSL.using(org.jooq.SQLDialect.POSTGRES).render(DSL.name(table));
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public Condition changedSince(Connection connection, Mark mark) throws SQLException {
        return DSL.condition(since(next(connection), mark, "xmin"));
    }

    /**
     * {@code column} (an {@code xmin}) at or after the mark. It is 32 bits; with the epoch of the snapshot's next
     * transaction an unfrozen one is at most 2^31 behind it, so a value above the next one's low 32 bits is of the epoch
     * before (a frozen version keeps its old value and may be read again: it is then found equal). Frozen or bootstrap
     * versions of before 9.4 (below 3) are old.
     */
    private static String since(long next, Mark mark, String column) {
        long low = next & (EPOCH - 1);
        long base = next - low;
        String xmin = column + "::text::bigint";
        if (mark.since() >= base) {
            return xmin + " between " + Math.max(3, mark.since() - base) + " and " + low;
        }
        // the epoch turned since the mark: the old epoch's tail, or anything of this one
        return "(" + xmin + " >= " + (mark.since() - (base - EPOCH)) + " or " + xmin + " between 3 and " + low + ")";
    }

    /** The table's OID and file: a new table has a new OID, a TRUNCATE (or VACUUM FULL, CLUSTER) a new file. */
    @Override
    public Optional<String> tableIdentity(Connection connection, String table) throws SQLException {
        try (java.sql.PreparedStatement ps = connection.prepareStatement("select oid::text || '/' || relfilenode::text from pg_class where oid = to_regclass(?)")) {
            ps.setString(1, DSL.using(org.jooq.SQLDialect.POSTGRES).render(DSL.name(table)));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The snapshot's next transaction id, with its epoch. */
    private static long next(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select txid_snapshot_xmax(txid_current_snapshot())")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
