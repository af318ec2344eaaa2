package io.dbferry.core.transfer;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.schema.SchemaCopier;
import io.dbferry.core.session.DatabaseConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Connections, fresh databases and plain-JDBC read-backs for the transfer tests. */
final class TransferSupport {

    private TransferSupport() {
    }

    /** A fresh, empty target of {@code engine} (sqlite, mariadb, postgres): the file in {@code dir}, or the database. */
    static String freshTarget(String engine, Path dir, String database) throws SQLException {
        return freshOf(engine, dir, database);
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

}
