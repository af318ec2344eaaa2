package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpFormatException;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.imports.Importer;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The file check and the encoding check read the dump at the same time for a whole-file import; what
 * the operator sees must be what the sequential order gives: a damaged file refused before anything is
 * written, then the load.
 */
class ImportChecksTest {

    @TempDir
    Path dir;

    private Path dump(String name, int rows) throws Exception {
        Path file = dir.resolve(name);
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
                "SQLite", "3.45", "t.sqlite3", null))) {
            writer.beginTable("item", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("name", PortableType.TEXT, "TEXT", true, false)));
            for (long i = 1; i <= rows; i++) {
                writer.writeRow(new Object[]{i, "item " + i + " Łódź 😀"});
            }
            writer.endTable();
        }
        return file;
    }

    private DatabaseConnection target(Session session) throws Exception {
        DatabaseConnection target = TestTargets.sqlite(session, Side.TARGET, dir.resolve("target.sqlite3"));
        try (Statement st = target.jdbc().createStatement()) {
            st.execute("create table item (id integer primary key, name text)");
        }
        return target;
    }

    private static long count(DatabaseConnection target) throws Exception {
        try (Statement st = target.jdbc().createStatement(); ResultSet rs = st.executeQuery("select count(*) from item")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aTruncatedFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path file = dump("data.json", 5000);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (Session session = new Session()) {
            DatabaseConnection target = target(session);
            assertThatThrownBy(() -> new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file)))
                    .isInstanceOf(DumpFormatException.class)
                    .hasMessageContaining("truncated");
            assertThat(count(target)).isZero();
        }
    }

    @Test
    void aWholeFileImportChecksAndLoadsEveryRow() throws Exception {
        Path file = dump("data.json", 5000);
        try (Session session = new Session()) {
            DatabaseConnection target = target(session);
            ImportResult result = new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file));
            assertThat(result.succeeded()).isTrue();
            assertThat(count(target)).isEqualTo(5000);
            assertThat(new Verifier(target, ProgressListener.NONE).againstFile(file, List.of()).allEqual()).isTrue();
        }
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        try (Session session = new Session()) {
            DatabaseConnection target = target(session);
            assertThatThrownBy(() -> new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(dir.resolve("none.json"))))
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void theSameTableTwiceIsRefusedNamingBothPositionsWithNothingWritten() throws Exception {
        Path file = dir.resolve("twice.json");
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
                "SQLite", "3.45", "t.sqlite3", null))) {
            for (String table : List.of("item", "other", "item")) {
                writer.beginTable(table, List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                        new DumpColumn("name", PortableType.TEXT, "TEXT", true, false)));
                writer.writeRow(new Object[]{1L, table});
                writer.endTable();
            }
        }
        try (Session session = new Session()) {
            DatabaseConnection target = target(session);
            try (Statement st = target.jdbc().createStatement()) {
                st.execute("create table other (id integer primary key, name text)");
            }
            DumpFormatException refused = catchThrowableOfType(
                    () -> new Importer(target, ProgressListener.NONE).importFile(ImportOptions.all(file)), DumpFormatException.class);
            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(DbferryException.Kind.DUMP_DAMAGED);
            assertThat(refused.getTable()).isEqualTo("item");
            assertThat(refused.getMessage()).contains("item", "table 1", "table 3");
            assertThat(count(target)).isZero();
            assertThat(ImportJournal.read(file)).isEmpty();
        }
    }
}
