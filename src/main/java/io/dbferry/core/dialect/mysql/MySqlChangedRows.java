package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.ChangedRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * MySQL and MariaDB as a sync's target: no row versions are read here (that would be the binlog, off on a default
 * install), but a table's creation time names its storage: a table dropped and created again has a new one (to
 * the second), and so has one any ALTER TABLE rebuilt or changed (dbferry's own AUTO_INCREMENT move too: the mark
 * reads it after that).
 */
final class MySqlChangedRows extends ChangedRows {

    @Override
    public Optional<String> tableIdentity(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select cast(create_time as char) from information_schema.tables"
                + " where table_schema = database() and table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
