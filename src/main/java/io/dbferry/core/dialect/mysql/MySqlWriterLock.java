package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.Dialect;
import io.dbferry.core.dialect.WriterLock;
import io.dbferry.core.dialect.WriterLockHeld;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * dbferry's writer lock on MariaDB and MySQL: a named user lock ({@code GET_LOCK(name, 0)}, no wait) whose
 * name comes from the database; the server tells the holder's connection id ({@code IS_USED_LOCK}) and,
 * to a user allowed to see it, its user and host in the process list. (MySQL has no place for a
 * connection to describe itself to others after connecting, so dbferry's own description is not shown.)
 */
final class MySqlWriterLock implements WriterLock {

    private static final int MAX_NAME = 64; // MySQL's limit on a lock name

    private final Connection connection;
    private final String name;

    private MySqlWriterLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    static WriterLock take(Connection connection, String database) throws SQLException {
        String name = lockName(database);
        try (PreparedStatement ps = connection.prepareStatement("select get_lock(?, 0)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return new MySqlWriterLock(connection, name);
                }
            }
        }
        throw new WriterLockHeld("database " + database, holder(connection, name));
    }

    private static String holder(Connection connection, String name) throws SQLException {
        List<String[]> id = Dialect.textRows(connection, "select is_used_lock(?)", name);
        String connectionId = id.isEmpty() ? null : id.get(0)[0];
        if (connectionId == null) {
            return "another dbferry connection (it ended just now)";
        }
        List<String[]> process = Dialect.textRows(connection,
                "select user, host from information_schema.processlist where id = ?", connectionId);
        return "dbferry on server connection " + connectionId
                + (process.isEmpty() ? "" : " of " + process.get(0)[0] + " from " + process.get(0)[1]);
    }

    /** "dbferry writer DB", or its hash where that is too long for a lock name. */
    static String lockName(String database) {
        String name = "dbferry writer " + database;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(database.getBytes(StandardCharsets.UTF_8));
            return "dbferry writer " + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("select release_lock(?)")) {
            ps.setString(1, name);
            ps.execute();
        } catch (SQLException ignored) {
            // the connection is gone, and the lock with it
        }
    }
}
