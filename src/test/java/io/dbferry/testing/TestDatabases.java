package io.dbferry.testing;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ExportResult;
import io.dbferry.core.transfer.Exporter;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.imports.Importer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Test databases by dbferry URL: fresh databases on the test servers, dbferry's own connections and
 * export/import on them, and plain JDBC (outside dbferry's code) to set up and read back values.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static String sqliteUrl(Path file) {
        return "sqlite:" + file.toAbsolutePath();
    }

    public static String mariaUrl(String database) {
        ServerInfo s = TestServers.mariadb();
        return "mysql://" + s.user() + "@" + s.host() + ":" + s.port() + "/" + database;
    }

    public static String postgresUrl(String database) {
        ServerInfo s = TestServers.postgres();
        return "postgresql://" + s.user() + "@" + s.host() + ":" + s.port() + "/" + database;
    }

    /** A fresh, empty MariaDB database; its dbferry URL. */
    public static String freshMaria(String database) throws SQLException {
        TestServers.mariadb().createDatabase(database);
        return mariaUrl(database);
    }

    /** A fresh, empty PostgreSQL database; its dbferry URL. */
    /** A fresh, empty database of {@code engine} (sqlite, mariadb, postgres): the file in {@code dir}, or the server's database. */
    public static String freshOf(String engine, java.nio.file.Path dir, String database) throws SQLException {
        return switch (engine) {
            case "sqlite" -> sqliteUrl(dir.resolve(database + ".sqlite3"));
            case "mariadb" -> freshMaria(database);
            default -> freshPostgres(database);
        };
    }

    public static String freshPostgres(String database) throws SQLException {
        TestServers.postgres().createDatabase(database);
        return postgresUrl(database);
    }

    public static DatabaseConnection source(String url) {
        return new Session().connect(Side.SOURCE, new ConnectionRequest(url, null, null));
    }

    public static DatabaseConnection target(String url) {
        return new Session().connect(Side.TARGET, new ConnectionRequest(url, null, null));
    }

    public static ExportResult export(String sourceUrl, ExportOptions options) {
        try (DatabaseConnection source = source(sourceUrl)) {
            return new Exporter(source, ProgressListener.NONE).export(options);
        }
    }

    public static ImportResult importFile(String targetUrl, ImportOptions options) {
        try (DatabaseConnection target = target(targetUrl)) {
            return new Importer(target, ProgressListener.NONE).importFile(options);
        }
    }

    /** Plain JDBC to a dbferry URL, outside dbferry's own code. */
    public static Connection jdbc(String url) throws SQLException {
        if (url.startsWith("sqlite:")) {
            return DriverManager.getConnection("jdbc:sqlite:" + url.substring("sqlite:".length()));
        }
        ServerInfo s = url.startsWith("mysql:") ? TestServers.mariadb() : TestServers.postgres();
        return s.connect(url.substring(url.lastIndexOf('/') + 1));
    }

    public static void execute(String url, String... sql) throws SQLException {
        try (Connection c = jdbc(url); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** Quotes a table name for plain SQL on the engine behind {@code url}. */
    public static String q(String url, String name) {
        return url.startsWith("mysql:") ? "`" + name + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static long count(String url, String table) throws SQLException {
        try (Connection c = jdbc(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + q(url, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static List<String> strings(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = jdbc(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
