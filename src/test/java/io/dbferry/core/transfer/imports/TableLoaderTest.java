package io.dbferry.core.transfer.imports;

import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpReader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.model.PortableType;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static io.dbferry.testing.TestDatabases.count;
import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.freshPostgres;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static io.dbferry.testing.TestDatabases.target;
import static org.assertj.core.api.Assertions.assertThat;

/** One table in one transaction, through the writer the options and the dialect choose. */
class TableLoaderTest {

    @TempDir
    Path dir;

    private Path dump(String longest) throws Exception {
        Path file = dir.resolve("item.json");
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", Instant.parse("2024-05-01T10:15:30Z"),
                "SQLite", "3.45", "t.sqlite3", null))) {
            writer.beginTable("item", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("name", PortableType.TEXT, "TEXT", true, false)));
            for (long i = 1; i <= 50; i++) {
                writer.writeRow(new Object[]{i, i == 40 ? longest : "item " + i});
            }
            writer.endTable();
        }
        return file;
    }

    private static TableLoader loader(DatabaseConnection db, ImportOptions options) {
        ImportPlan plan = new ImportPlanner(db).plan(options, db.catalog());
        ImportJournal journal = ImportJournal.start(options.file(), plan.contents().header().createdAt().toString(), "test");
        ImportRun run = new ImportRun(options, plan, journal, ProgressListener.NONE, false, new ConcurrentHashMap<>(), null);
        return new TableLoader(run, db, plan.loading().get(0), null);
    }

    private static TableRows rows(DatabaseConnection db, Path file) {
        return new TableRows(new ImportPlanner(db).plan(ImportOptions.all(file), db.catalog()).loading().get(0), null);
    }

    private static ImportJournal.Entry load(TableLoader loader, Path file) throws Exception {
        try (DumpReader reader = DumpReader.open(file)) {
            reader.nextTable();
            return loader.load(new DumpRows(file, "item", reader));
        }
    }

    @Test
    void theFastPathUnlessTheOptionsOrTheDialectSayOtherwise() throws Exception {
        Path file = dump("item 40");
        String pg = freshPostgres("xfer_table_loader");
        execute(pg, "create table item (id bigint primary key, name varchar(8))");
        try (DatabaseConnection db = target(pg)) {
            TableRows rows = rows(db, file);
            assertThat(loader(db, ImportOptions.all(file)).writer(rows, w -> 0)).isInstanceOf(BulkWriter.class);
            assertThat(loader(db, ImportOptions.all(file).withBulk(false)).writer(rows, w -> 0)).isInstanceOf(BatchedWriter.class);
        }
        String sqlite = sqliteUrl(dir.resolve("t.sqlite"));
        execute(sqlite, "create table item (id integer primary key, name text)");
        try (DatabaseConnection db = target(sqlite)) {
            assertThat(loader(db, ImportOptions.all(file)).writer(rows(db, file), w -> 0)).isInstanceOf(BatchedWriter.class);
        }
    }

    @Test
    void aRefusedRowRollsTheTableBackWholeAndIsNamedOnEitherPath() throws Exception {
        Path file = dump("far too long for it");
        String pg = freshPostgres("xfer_table_loader");
        execute(pg, "create table item (id bigint primary key, name varchar(8))");
        try (DatabaseConnection db = target(pg)) {
            for (boolean bulk : List.of(true, false)) {
                ImportJournal.Entry e = load(loader(db, ImportOptions.all(file).withSkipValidation(true).withBulk(bulk)), file);
                assertThat(e.state()).as("bulk %s", bulk).isEqualTo(TableState.FAILED);
                assertThat(e.row()).isEqualTo(40L);
                assertThat(e.column()).isEqualTo("name");
                assertThat(e.reason()).contains("row 40 (id=40), column name = 'far too long for it'").containsIgnoringCase("too long");
                assertThat(count(pg, "item")).isZero();
            }
        }
    }
}
