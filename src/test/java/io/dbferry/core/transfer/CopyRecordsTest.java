package io.dbferry.core.transfer;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.imports.RecordCopier;
import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * copy-records between the three engines, source straight into target: after every copy the target
 * verifies equal to its source and to the original; a refused value fails its table naming key and
 * column with nothing of it left; a retry finishes what is missing, and with --commit-every resumes.
 */
class CopyRecordsTest {

    private static final List<String> FTS = List.of("searchable_fts", "searchable_fts_config", "searchable_fts_data",
            "searchable_fts_docsize", "searchable_fts_idx");

    @TempDir
    Path dir;

    static ImportResult copy(String from, String to, CopyOptions options) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new RecordCopier(source, target, ProgressListener.NONE).copy(options);
        }
    }

    private static List<String> tables(String url, List<String> exclude) {
        List<String> tables = new ArrayList<>();
        try (var source = source(url)) {
            source.catalog().tableNames().stream().filter(t -> !exclude.contains(t)).forEach(tables::add);
        }
        return tables;
    }

    /**
     * Copies along {@code chain}, schema by copy-schema, each hop verified against its source and, with
     * {@code original}, against the chain's first database too; {@code exclude} applies to the first hop, whose
     * targets then hold only the tables copied.
     */
    private void copyAlong(List<String> chain, List<String> tables, List<String> exclude, boolean original) {
        for (int hop = 1; hop < chain.size(); hop++) {
            String from = chain.get(hop - 1);
            String to = chain.get(hop);
            copySchema(from, to, tables, Map.of());
            CopyOptions options = new CopyOptions(List.of(), hop == 1 ? exclude : List.of(), Map.of(), false, false, false, 1,
                    ImportOptions.DEFAULT_BATCH_SIZE, 0, dir.resolve("hop" + hop + ".journal.json"), false, false, false, true,
                    ImportOptions.DEFAULT_SERVER_TIMEOUT);
            ImportResult copied = copy(from, to, hop % 2 == 0 ? options.withJobs(2) : options);
            assertAllDone(copied);
            assertThat(copied.tables()).hasSize(tables.size());
            assertAllEqual("hop " + hop, verifyAgainstSource(from, to, tables), tables.size());
            if (original) {
                assertAllEqual("hop " + hop + " against the original", verifyAgainstSource(chain.get(0), to, tables), tables.size());
            }
        }
    }

    /**
     * Round and back both ways, SQLite -> MariaDB -> PostgreSQL -> SQLite and SQLite -> PostgreSQL -> MariaDB ->
     * SQLite: all six directions between the engines, each hop verified; the five targets that are not SQLite's
     * round trip are returned.
     */
    private List<String> copyEveryDirection(String sqlite, String name, List<String> exclude, boolean original) throws Exception {
        List<String> tables = tables(sqlite, exclude);
        List<String> targets = new ArrayList<>();
        List<List<String>> chains = List.of(
                List.of(sqlite, freshMaria("copy_t_" + name), freshPostgres("copy_t_" + name), sqliteUrl(dir.resolve(name + "-1.sqlite"))),
                List.of(sqlite, freshPostgres("copy_t_" + name + "2"), freshMaria("copy_t_" + name + "2"),
                        sqliteUrl(dir.resolve(name + "-2.sqlite"))));
        for (List<String> chain : chains) {
            copyAlong(chain, tables, exclude, original);
            targets.addAll(chain.subList(1, chain.size()));
        }
        return targets;
    }

    @Test
    void chinookCopiesInEveryDirection() throws Exception {
        for (String url : copyEveryDirection(sqliteUrl(Datasets.chinookSqlite()), "chinook", List.of(), true)) {
            assertThat(count(url, "PlaylistTrack")).isEqualTo(8715);
            // the key counters moved past the copied keys: a new row gets the next key
            execute(url, "insert into " + q(url, "Artist") + " (" + q(url, "Name") + ") values ('new artist')");
            assertThat(((Number) value(url, "select " + q(url, "ArtistId") + " from " + q(url, "Artist") + " where "
                    + q(url, "Name") + " = 'new artist'")).longValue()).as(url).isEqualTo(276L);
        }
    }

    /**
     * Each hop equal; not back to the original text: Northwind's SQLite DATETIME columns hold dates as '2016-07-04',
     * which MariaDB and PostgreSQL keep as the timestamp 2016-07-04 00:00:00 and SQLite then gets in that form.
     */
    @Test
    void northwindCopiesInEveryDirection() throws Exception {
        assertThat(copyEveryDirection(sqliteUrl(Datasets.file("northwind/northwind.sqlite")), "northwind", List.of(), false))
                .hasSize(6);
    }

    /** The datasette fixtures but their full-text index tables and the infinity MariaDB cannot hold (refused below). */
    @Test
    void datasetteFixturesCopyInEveryDirection() throws Exception {
        List<String> exclude = new ArrayList<>(FTS);
        exclude.add("infinity");
        assertThat(copyEveryDirection(sqliteUrl(Datasets.file("datasette-fixtures/fixtures.db")), "fixtures_all", exclude, true)).hasSize(6);
    }

    private CopyOptions options(String journal) {
        return CopyOptions.all(dir.resolve(journal + ".journal.json"));
    }

    /**
     * The datasette fixtures (reserved words, slashes and spaces in names, compound keys, tables without a key)
     * into MariaDB, which cannot hold infinity: that table fails naming its key and column and stays empty, the
     * others are done and equal; a retry tries only the failed table. Into PostgreSQL everything is equal.
     */
    @Test
    void datasetteFixturesAndARefusedValueNamedByKeyAndColumn() throws Exception {
        String sqlite = sqliteUrl(Datasets.file("datasette-fixtures/fixtures.db"));
        List<String> fts = FTS;
        List<String> tables = tables(sqlite, fts);
        String maria = freshMaria("copy_t_fixtures");
        copySchema(sqlite, maria, tables, Map.of());
        CopyOptions options = new CopyOptions(List.of(), fts, Map.of(), false, false, false, 1, ImportOptions.DEFAULT_BATCH_SIZE,
                0, dir.resolve("fixtures.journal.json"), false, false, false, true, ImportOptions.DEFAULT_SERVER_TIMEOUT);
        // each table checked as it is copied: infinity's values listed and the table rolled back, the others committed
        TablesRefused refused = catchThrowableOfType(() -> copy(sqlite, maria, options), TablesRefused.class);
        assertThat(refused.getMessage()).contains("infinity.value", "-Infinity", "rolled back: infinity", "committed: ");
        ImportResult intoMaria = refused.result();
        assertThat(intoMaria.succeeded()).isFalse();
        for (ImportJournal.Entry e : intoMaria.tables()) {
            if (e.table().equals("infinity")) {
                assertThat(e.state()).isEqualTo(TableState.FAILED);
                assertThat(e.column()).isEqualTo("value");
                assertThat(e.reason()).contains("infinity.value", "row 1").containsIgnoringCase("infinity");
            } else {
                assertThat(e.state()).as("%s: %s", e.table(), e.reason()).isEqualTo(TableState.DONE);
            }
        }
        assertThat(count(maria, "infinity")).as("nothing of a failed table stays").isZero();
        List<String> withoutInfinity = tables.stream().filter(t -> !t.equals("infinity")).toList();
        assertAllEqual(verifyAgainstSource(sqlite, maria, withoutInfinity), withoutInfinity.size());
        TablesRefused again = catchThrowableOfType(() -> copy(sqlite, maria, options.withRetryFailed(true)), TablesRefused.class);
        assertThat(again.result().tables()).extracting(ImportJournal.Entry::table).containsExactly("infinity");
        // --check-first reads the source's text before the copy; a number the column cannot hold is the load's to
        // refuse, at its first row
        String checked = freshMaria("copy_t_fixtures2");
        copySchema(sqlite, checked, tables, Map.of());
        ImportJournal.Entry first = copy(sqlite, checked, options.withCheckFirst(true).withRetryFailed(false)).tables().stream()
                .filter(e -> e.table().equals("infinity")).findFirst().orElseThrow();
        assertThat(first.state()).isEqualTo(TableState.FAILED);
        assertThat(first.reason()).contains("row " + first.row()).contains("column value").containsIgnoringCase("infinity");

        String postgres = freshPostgres("copy_t_fixtures");
        copySchema(sqlite, postgres, tables, Map.of());
        assertAllDone(copy(sqlite, postgres, new CopyOptions(List.of(), fts, Map.of(), false, false, false, 1, 1000, 0,
                dir.resolve("fixtures-pg.journal.json"), false, false, false, true, ImportOptions.DEFAULT_SERVER_TIMEOUT)));
        assertAllEqual(verifyAgainstSource(sqlite, postgres, tables), tables.size());
    }

    /**
     * --commit-every: a refused row in the fourth chunk leaves three chunks committed and their last key in the
     * journal; once the source is corrected, the retry starts after that key and the table ends equal, each row once.
     */
    @Test
    void commitEveryResumesAfterTheLastCommittedKey() throws Exception {
        Path file = dir.resolve("items.sqlite");
        String sqlite = sqliteUrl(file);
        StringBuilder rows = new StringBuilder("insert into item values ");
        for (int i = 1; i <= 5000; i++) {
            rows.append(i == 1 ? "" : ",").append("(").append(i).append(", '").append(i == 3500 ? "far too long" : "item").append("')");
        }
        execute(sqlite, "create table item (id integer primary key, name text not null)", rows.toString());
        for (boolean bulk : List.of(true, false)) {
            String pg = freshPostgres("copy_t_chunks");
            execute(pg, "create table item (id bigint primary key, name varchar(8) not null)");
            CopyOptions chunked = new CopyOptions(List.of(), List.of(), Map.of(), false, false, false, 1, 500, 1000,
                    dir.resolve("chunks-" + bulk + ".journal.json"), false, false, true, bulk, ImportOptions.DEFAULT_SERVER_TIMEOUT);
            ImportJournal.Entry failed = copy(sqlite, pg, chunked).tables().get(0);
            assertThat(failed.state()).isEqualTo(TableState.FAILED);
            assertThat(failed.reason()).as("bulk %s", bulk).contains("row 3500", "id=3500", "column name");
            assertThat(failed.rowsImported()).isEqualTo(3000);
            assertThat(failed.lastKey()).containsExactly("3000");
            assertThat(count(pg, "item")).isEqualTo(3000);
            execute(pg, "update item set name = 'kept' where id = 2000"); // a committed row the retry must not write again
            execute(sqlite, "update item set name = 'fixed' where id = 3500");
            ImportJournal.Entry done = copy(sqlite, pg, chunked.withRetryFailed(true)).tables().get(0);
            execute(sqlite, "update item set name = 'far too long' where id = 3500");
            assertThat(done.state()).as("%s", done.reason()).isEqualTo(TableState.DONE);
            assertThat(done.reason()).isEqualTo("resumed after 3,000 committed rows");
            assertThat(done.rowsImported()).isEqualTo(5000);
            assertThat(count(pg, "item")).isEqualTo(5000);
            assertThat(value(pg, "select name from item where id = 2000")).isEqualTo("kept");
            assertThat(value(pg, "select name from item where id = 3500")).isEqualTo("fixed");
        }
    }
}
