package io.dbferry.core.model;

import java.nio.file.Path;

/**
 * Where a database is, parsed from what the operator typed. Holds no password: passwords are
 * supplied separately at connect time and never stored.
 *
 * @param engine   the engine family; MySQL-protocol servers are refined to MariaDB once connected
 * @param scheme   the URL scheme dbferry shows it with (sqlite, mysql, postgresql)
 * @param jdbcUrl  the driver URL, without credentials
 * @param user     the login name, or null (SQLite, or the driver's default)
 * @param host     server host, or null for SQLite
 * @param port     server port, or 0 for SQLite
 * @param database database name, or the file name for SQLite
 * @param file     the SQLite file, or null for servers
 */
public record ConnectionSpec(Engine engine, String scheme, String jdbcUrl, String user, String host, int port,
                             String database, Path file) {

    public boolean isServer() {
        return file == null;
    }

    /** What the operator sees: never a password. */
    public String display() {
        if (!isServer()) {
            return scheme + ":" + file;
        }
        return scheme + "://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    public ConnectionSpec withUser(String newUser) {
        return new ConnectionSpec(engine, scheme, jdbcUrl, newUser, host, port, database, file);
    }
}
