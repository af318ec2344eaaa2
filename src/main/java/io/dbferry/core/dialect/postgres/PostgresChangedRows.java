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
 * out). The origin is the cluster's system identifier and the database's OID, so a mark of another server or a
 * restored copy is never used.
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
                + " || '/' || (select oid from pg_database where datname = current_database())::text, txid_snapshot_xmin(txid_current_snapshot())")) {
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
    public Optional<String> unusable(Connection connection, Mark mark) throws SQLException {
        Optional<Mark> now;
        try {
            now = mark(connection);
        } catch (SQLException e) {
            return Optional.of("the source does not tell its mark now");
        }
        if (now.isEmpty() || !now.get().origin().equals(mark.origin())) {
            return Optional.of("the source is not the database the mark was taken in");
        }
        long age = next(connection) - mark.since();
        if (age < 0) {
            return Optional.of("the mark is newer than the source (restored from a backup?)");
        }
        return age > TOO_OLD ? Optional.of("the mark is more than 2 billion transactions old") : Optional.empty();
    }

    /**
     * {@code xmin} is 32 bits; with the epoch of the snapshot's next transaction it is at most 2^31 behind it, so
     * a value above the next one's low 32 bits is of the epoch before. Frozen or bootstrap versions (below 3) are old.
     */
    @Override
    public Condition changedSince(Connection connection, Mark mark) throws SQLException {
        long next = next(connection);
        long low = next & (EPOCH - 1);
        long base = next - low;
        String xmin = "xmin::text::bigint";
        if (mark.since() >= base) {
            return DSL.condition(xmin + " between " + Math.max(3, mark.since() - base) + " and " + low);
        }
        // the epoch turned since the mark: the old epoch's tail, or anything of this one
        return DSL.condition("(" + xmin + " >= " + (mark.since() - (base - EPOCH)) + " or " + xmin + " between 3 and " + low + ")");
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
