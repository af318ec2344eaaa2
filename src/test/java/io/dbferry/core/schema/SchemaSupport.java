package io.dbferry.core.schema;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ExportResult;
import io.dbferry.core.transfer.Exporter;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.Importer;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.VerifyResult;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestServers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections, fresh databases, copy-schema and the transfer steps for the schema tests. */
final class SchemaSupport {

    private SchemaSupport() {
    }

    static String sqliteUrl(Path file) {
        return "sqlite:" + file.toAbsolutePath();
    }

    static String freshMaria(String database) throws SQLException {
        ServerInfo s = TestServers.mariadb();
        s.createDatabase(database);
        return "mysql://" + s.user() + "@" + s.host() + ":" + s.port() + "/" + database;
    }

    static String freshPostgres(String database) throws SQLException {
        ServerInfo s = TestServers.postgres();
        s.createDatabase(database);
        return "postgresql://" + s.user() + "@" + s.host() + ":" + s.port() + "/" + database;
    }

    static DatabaseConnection source(String url) {
        return new Session().connect(Side.SOURCE, new ConnectionRequest(url, null, null));
    }

    static DatabaseConnection target(String url) {
        return new Session().connect(Side.TARGET, new ConnectionRequest(url, null, null));
    }

    /** Plain JDBC to a dbferry URL, outside dbferry's own code. */
    static Connection jdbc(String url) throws SQLException {
        if (url.startsWith("sqlite:")) {
            return DriverManager.getConnection("jdbc:sqlite:" + url.substring("sqlite:".length()));
        }
        ServerInfo s = url.startsWith("mysql:") ? TestServers.mariadb() : TestServers.postgres();
        return s.connect(url.substring(url.lastIndexOf('/') + 1));
    }

    static void execute(String url, String... sql) throws SQLException {
        try (Connection c = jdbc(url); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
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

    static List<String> tableNames(String url) {
        try (DatabaseConnection c = source(url)) {
            return c.catalog().tableNames();
        }
    }

    static CopySchemaResult copySchema(String sourceUrl, String targetUrl, List<String> tables,
                                       Map<String, String> overrides, boolean dryRun) {
        try (DatabaseConnection source = source(sourceUrl); DatabaseConnection target = target(targetUrl)) {
            return new SchemaCopier(source, target, overrides).copy(tables, dryRun);
        }
    }

    static CopySchemaResult copySchema(String sourceUrl, String targetUrl) {
        return copySchema(sourceUrl, targetUrl, List.of(), Map.of(), false);
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

    static VerifyResult verify(String sourceUrl, String targetUrl, List<String> tables) {
        try (DatabaseConnection source = source(sourceUrl); DatabaseConnection target = target(targetUrl)) {
            return new Verifier(target, ProgressListener.NONE).againstSource(source, tables);
        }
    }

    static VerifyResult verifyFile(Path file, String targetUrl) {
        try (DatabaseConnection target = target(targetUrl)) {
            return new Verifier(target, ProgressListener.NONE).againstFile(file, List.of());
        }
    }

    static MigrationPlan plan(String sourceUrl, String targetUrl) {
        try (DatabaseConnection source = source(sourceUrl); DatabaseConnection target = target(targetUrl)) {
            return new MigrationPlanner(target).fromSource(source);
        }
    }

    static MigrationPlan planFile(Path file, String targetUrl) {
        try (DatabaseConnection target = target(targetUrl)) {
            return new MigrationPlanner(target).fromFile(file);
        }
    }

    static void assertAllDone(ImportResult result) {
        for (ImportJournal.Entry e : result.tables()) {
            assertThat(e.state()).as("%s: %s", e.table(), e.reason()).isEqualTo(TableState.DONE);
        }
        assertThat(result.succeeded()).isTrue();
    }

    static void assertAllEqual(String label, VerifyResult result, int tables) {
        assertThat(result.tables()).as("%s tables compared", label).hasSize(tables);
        for (VerifyResult.TableComparison t : result.tables()) {
            assertThat(t.equal()).as("%s verify %s: %s", label, t.table(), t).isTrue();
        }
        assertThat(result.allEqual()).isTrue();
    }

    /** copy-schema, export, import, verify of {@code tables} (empty: all); returns the export. */
    static ExportResult transfer(String from, String to, List<String> tables, Path file) {
        CopySchemaResult copied = copySchema(from, to, tables, Map.of(), false);
        assertThat(copied.existing()).as("a fresh target").isEmpty();
        ExportResult exported = export(from, new ExportOptions(file, tables, List.of(), Map.of(), false, false));
        ImportResult imported = importFile(to, ImportOptions.all(file));
        assertAllDone(imported);
        assertThat(imported.rowsImported()).isEqualTo(exported.totalRows());
        assertAllEqual(from + " -> " + to, verify(from, to, tables), exported.tables().size());
        return exported;
    }
}
