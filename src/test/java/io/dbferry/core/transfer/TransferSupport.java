package io.dbferry.core.transfer;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.schema.SchemaCopier;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections, fresh databases and plain-JDBC read-backs for the transfer tests. */
final class TransferSupport {

    private TransferSupport() {
    }

    static String sqliteUrl(Path file) {
        return "sqlite:" + file.toAbsolutePath();
    }

    static String mariaUrl(String database) {
        ServerInfo s = TestServers.mariadb();
        return "mysql://" + s.user() + "@" + s.host() + ":" + s.port() + "/" + database;
    }

    static String postgresUrl(String database) {
        ServerInfo s = TestServers.postgres();
        return "postgresql://" + s.user() + "@" + s.host() + ":" + s.port() + "/" + database;
    }

    /** A fresh, empty MariaDB database; its dbferry URL. */
    static String freshMaria(String database) throws SQLException {
        TestServers.mariadb().createDatabase(database);
        return mariaUrl(database);
    }

    /** A fresh, empty PostgreSQL database; its dbferry URL. */
    static String freshPostgres(String database) throws SQLException {
        TestServers.postgres().createDatabase(database);
        return postgresUrl(database);
    }

    static DatabaseConnection source(String url) {
        return new Session().connect(Side.SOURCE, new ConnectionRequest(url, null, null));
    }

    static DatabaseConnection target(String url) {
        return new Session().connect(Side.TARGET, new ConnectionRequest(url, null, null));
    }

    /** Plain JDBC to a dbferry URL, outside dbferry's own code, for reading values back. */
    static Connection jdbc(String url) throws SQLException {
        if (url.startsWith("sqlite:")) {
            return DriverManager.getConnection("jdbc:sqlite:" + url.substring("sqlite:".length()));
        }
        boolean mysql = url.startsWith("mysql:");
        ServerInfo s = mysql ? TestServers.mariadb() : TestServers.postgres();
        return s.connect(url.substring(url.lastIndexOf('/') + 1));
    }

    static ExportResult export(String sourceUrl, ExportOptions options) {
        try (DatabaseConnection source = source(sourceUrl)) {
            return new Exporter(source, ProgressListener.NONE).export(options);
        }
    }

    static ImportResult importFile(String targetUrl, ImportOptions options) {
        try (DatabaseConnection target = target(targetUrl)) {
            return new Importer(target, ProgressListener.NONE).importFile(options);
        }
    }

    static ImportResult importAll(String targetUrl, Path file) {
        return importFile(targetUrl, ImportOptions.all(file));
    }

    static ImportOptions retry(Path file) {
        return new ImportOptions(file, List.of(), false, true, ImportOptions.DEFAULT_BATCH_SIZE, false);
    }

    /** Creates the target's tables from the source's metadata. */
    static void copySchema(String sourceUrl, String targetUrl, List<String> tables, Map<String, String> overrides) {
        try (DatabaseConnection source = source(sourceUrl); DatabaseConnection target = target(targetUrl)) {
            new SchemaCopier(source, target, overrides).copy(tables, false);
        }
    }

    static VerifyResult verifyAgainstSource(String sourceUrl, String targetUrl, List<String> tables) {
        try (DatabaseConnection source = source(sourceUrl); DatabaseConnection target = target(targetUrl)) {
            return new Verifier(target, ProgressListener.NONE).againstSource(source, tables);
        }
    }

    static VerifyResult verifyAgainstFile(String targetUrl, Path file, List<String> tables) {
        try (DatabaseConnection target = target(targetUrl)) {
            return new Verifier(target, ProgressListener.NONE).againstFile(file, tables);
        }
    }

    static void assertAllEqual(VerifyResult result, int tables) {
        assertAllEqual("", result, tables);
    }

    static void assertAllEqual(String label, VerifyResult result, int tables) {
        assertThat(result.tables()).as("tables compared").hasSize(tables);
        for (VerifyResult.TableComparison t : result.tables()) {
            assertThat(t.equal()).as("%s verify %s against %s: %s", label, t.table(), result.against(), t).isTrue();
        }
        assertThat(result.allEqual()).isTrue();
    }

    static void assertAllDone(ImportResult result) {
        for (ImportJournal.Entry e : result.tables()) {
            assertThat(e.state()).as("%s: %s", e.table(), e.reason()).isEqualTo(TableState.DONE);
        }
        assertThat(result.constraintViolations()).isEmpty();
        assertThat(result.succeeded()).isTrue();
    }

    /** Quotes a table name for plain SQL on the engine behind {@code url}. */
    static String q(String url, String name) {
        return url.startsWith("mysql:") ? "`" + name + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static long count(String url, String table) throws SQLException {
        try (Connection c = jdbc(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + q(url, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Row counts of every named table, in order. */
    static Map<String, Long> counts(String url, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : tables) {
            counts.put(t, count(url, t));
        }
        return counts;
    }

    /** One value read back with plain JDBC. */
    static Object value(String url, String sql) throws SQLException {
        try (Connection c = jdbc(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getObject(1);
        }
    }

    static byte[] bytes(String url, String sql) throws SQLException {
        try (Connection c = jdbc(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getBytes(1);
        }
    }

    static List<String> strings(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = jdbc(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static void execute(String url, String... sql) throws SQLException {
        try (Connection c = jdbc(url); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }
}
