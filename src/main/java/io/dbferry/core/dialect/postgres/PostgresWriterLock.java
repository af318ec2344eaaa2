package io.dbferry.core.dialect.postgres;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.WriterLock;
import io.dbferry.core.dialect.WriterLockHeld;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * dbferry's writer lock on PostgreSQL: a session advisory lock (two keys: dbferry's own and the current
 * schema's hash; advisory locks are per database already), taken without waiting. The lock connection
 * carries the holder in its application_name, which pg_stat_activity shows to the one refused.
 */
final class PostgresWriterLock implements WriterLock {

    /** "dbfr": dbferry's first key, so its locks do not meet an application's own advisory locks. */
    private static final int DBFERRY_KEY = 0x64626672;
    private static final int MAX_APPLICATION_NAME = 63; // bytes, NAMEDATALEN - 1

    private final Connection connection;

    private PostgresWriterLock(Connection connection) {
        this.connection = connection;
    }

    static WriterLock take(Connection connection, String database, String holder) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select set_config('application_name', ?, false)")) {
            ps.setString(1, truncate(holder));
            ps.execute();
        }
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(current_schema()))")) {
            ps.setInt(1, DBFERRY_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new PostgresWriterLock(connection);
                }
            }
        }
        throw new WriterLockHeld("database " + database, holder(connection));
    }

    /** The holder's backend as pg_stat_activity tells it: pid, application name (dbferry's description), client, start. */
    private static String holder(Connection connection) throws SQLException {
        List<String[]> rows = Dialect.textRows(connection, "select a.pid::text, a.application_name, "
                + "coalesce(a.client_hostname, host(a.client_addr), 'local socket'), a.usename, a.backend_start::text "
                + "from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.granted "
                + "and l.classid = ?::int::oid and l.objid = hashtext(current_schema())::oid and l.objsubid = 2 "
                + "and l.database = (select oid from pg_database where datname = current_database())", Integer.toString(DBFERRY_KEY));
        if (rows.isEmpty()) {
            return "another dbferry session (it ended just now, or its details are not visible to this user)";
        }
        String[] r = rows.get(0);
        String name = r[1] == null || r[1].isBlank() ? "" : r[1] + ", ";
        return name + "PostgreSQL backend pid " + r[0] + " of user " + r[3] + " from " + r[2] + ", connected since " + r[4];
    }

    private static String truncate(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_APPLICATION_NAME) {
            return text;
        }
        int end = text.length();
        while (text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_APPLICATION_NAME) {
            end--;
        }
        return text.substring(0, end);
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(current_schema()))")) {
            ps.setInt(1, DBFERRY_KEY);
            ps.execute();
        } catch (SQLException ignored) {
            // the connection is gone, and the lock with it
        }
    }
}
