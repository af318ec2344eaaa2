package io.dbferry.core.schema;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ExportResult;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.VerifyResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Connections, fresh databases, copy-schema and the transfer steps for the schema tests. */
final class SchemaSupport {

    private SchemaSupport() {
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
