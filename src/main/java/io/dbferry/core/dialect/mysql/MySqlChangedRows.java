package io.dbferry.core.dialect.mysql;

import io.dbferry.core.dialect.ChangedRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MySQL and MariaDB as a sync's target: no row versions are read here (that would be the binlog, off on a default
 * install), but a table's storage is named by InnoDB's table id, which a TRUNCATE or a table created again changes
 * (where the user may read it: the PROCESS privilege), its creation time (to the second; any ALTER TABLE moves it,
 * dbferry's own AUTO_INCREMENT move too: the mark reads it after that) and its next AUTO_INCREMENT value, which a
 * TRUNCATE resets and a row inserted by anyone else moves.
 */
final class MySqlChangedRows extends ChangedRows {

    @Override
    public Optional<String> tableIdentity(Connection connection, String table) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("select concat_ws('/', cast(create_time as char), cast(auto_increment as char))"
                + " from information_schema.tables where table_schema = database() and table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                parts.add(rs.getString(1));
            }
        }
        // MariaDB's name of the view, then MySQL 8's; a name InnoDB spells otherwise (not [A-Za-z0-9_]) is not found
        for (String view : List.of("innodb_sys_tables", "innodb_tables")) {
            try (PreparedStatement ps = connection.prepareStatement("select table_id from information_schema." + view
                    + " where name = concat(database(), '/', ?)")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        parts.add(rs.getString(1));
                        break;
                    }
                }
            } catch (SQLException e) {
                // not this server's view, or not readable by this user: the rest names the storage
            }
        }
        return Optional.of(String.join("/", parts));
    }
}
