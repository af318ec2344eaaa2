package io.dbferry.core.model;

import io.dbferry.core.model.Engine;

import java.nio.file.Path;

/**
 * Where a database is, parsed from what the operator typed. Holds no password: passwords are
 * supplied separately at connect time and never stored.
 *
 * @param engine   the engine family; MySQL-protocol servers are refined to MariaDB once connected
 * @param jdbcUrl  the driver URL, without credentials
 * @param user     the login name, or null (SQLite, or the driver's default)
 * @param host     server host, or null for SQLite
 * @param port     server port, or 0 for SQLite
 * @param database database name, or the file name for SQLite
 * @param file     the SQLite file, or null for servers
 */
public record ConnectionSpec(Engine engine, String jdbcUrl, String user, String host, int port, String database,
                             Path file) {

    public boolean isServer() {
        return file == null;
    }

    /** What the operator sees: never a password. */
    public String display() {
        if (!isServer()) {
            return "sqlite:" + file;
        }
        String scheme = engine == Engine.POSTGRESQL ? "postgresql" : "mysql";
        return scheme + "://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    public ConnectionSpec withUser(String newUser) {
        return new ConnectionSpec(engine, jdbcUrl, newUser, host, port, database, file);
    }
}
