package io.dbferry.core.transfer;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ImportJournal.KeyRange;
import io.dbferry.core.transfer.imports.RecordCopier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * copy-records --jobs 2 --commit-every M: a table of more than M rows with one integer key is cut into key ranges of M
 * rows (sparse keys included), loaded side by side into PostgreSQL and MariaDB, one after another into SQLite, each
 * range journaled with its rows; the target verifies equal, the counter is past the last key, and one table's progress
 * climbs across its ranges to its row count. Then from each server into the other, the ranges read in the copy's snapshot.
 */
class KeyRangeCopyTest {

    private static final int ROWS = 45_000;
    private static final List<String> TABLES = List.of("config", "station", "measurement");

    @TempDir
    Path dir;

    private String sourceFile() throws Exception {
        String url = sqliteUrl(dir.resolve("ranges-source.sqlite"));
        try (Connection c = jdbc(url); Statement s = c.createStatement()) {
            s.execute("create table config (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("insert into config values (1, 'one'), (2, 'two')");
            s.execute("create table station (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < 50) "
                    + "insert into station select i, 'station ' || i from n");
            s.execute("create table measurement (id INTEGER PRIMARY KEY, station_id INTEGER NOT NULL REFERENCES station(id), "
                    + "label TEXT, amount REAL)");
            // keys 7 apart: ranges cut by row count, not by key width
            s.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < " + ROWS + ") "
                    + "insert into measurement select i * 7, 1 + i % 50, 'label ' || i, i * 0.25 from n");
        }
        return url;
    }

    /** Rows reported per thread: a thread of its own beside the caller's means a second writer loaded ranges. */
    private static final class Threads implements ProgressListener {
        final Set<String> writers = ConcurrentHashMap.newKeySet();
        final Map<String, Long> last = new ConcurrentHashMap<>();
        volatile boolean fell;

        @Override
        public void rowsDone(String table, long rows) {
            if (table.equals("measurement")) {
                writers.add(Thread.currentThread().getName());
                Long before = last.put(table, rows);
                fell |= before != null && rows < before && rows > 0 && before - rows > 10_000;
            }
        }

        @Override
        public void tableFinished(String table, long rows) {
            last.put(table + " finished", rows);
        }
    }

    private static ImportResult copy(String from, String to, Path journal, boolean bulk, ProgressListener progress) {
        return copy(from, to, new CopyOptions(List.of(), List.of(), Map.of(), false, false, false, 2, 1000, 10_000, journal,
                false, false, false, bulk, ImportOptions.DEFAULT_SERVER_TIMEOUT), progress);
    }

    /**
     * A --where table is cut by the rows it chooses; a table whose insert trigger --disable-triggers holds off is not cut
     * (the hold is per transaction) and loads as one stream in chunks, the trigger silent and back afterwards.
     */
    @Test
    void aWhereChoosesTheRowsTheRangesCutAndHeldTriggersKeepATableInOneStream() throws Exception {
        String source = sourceFile();
        String target = freshPostgres("krange_t_where");
        copySchema(source, target, List.of(), Map.of());
        Path journal = dir.resolve("where.journal.json");
        CopyOptions where = new CopyOptions(List.of(), List.of(), Map.of("measurement", "id % 2 = 0"), false, false, false, 2,
                1000, 10_000, journal, false, false, false, true, ImportOptions.DEFAULT_SERVER_TIMEOUT);
        assertAllDone(copy(source, target, where, ProgressListener.NONE));
        assertThat(ImportJournal.readAt(journal).orElseThrow().entry("measurement").orElseThrow().ranges())
                .extracting(KeyRange::rows).containsExactly(10_000L, 10_000L, 2_500L);
        assertThat(count(target, "measurement")).isEqualTo(ROWS / 2);
        assertThat(value(target, "select sum(id) from measurement").toString())
                .isEqualTo(value(source, "select sum(id) from measurement where id % 2 = 0").toString());

        String held = freshPostgres("krange_t_held");
        copySchema(source, held, List.of(), Map.of());
        execute(held, "create function krange_mark() returns trigger language plpgsql as $$ begin new.label := 'fired'; return new; end $$",
                "create trigger krange_marked before insert on measurement for each row execute function krange_mark()");
        Path heldJournal = dir.resolve("held.journal.json");
        assertAllDone(copy(source, held, new CopyOptions(List.of(), List.of(), Map.of("measurement", "id % 2 = 0"), false, false,
                false, 2, 1000, 10_000, heldJournal, false, false, false, true, ImportOptions.DEFAULT_SERVER_TIMEOUT, true),
                ProgressListener.NONE));
        assertThat(ImportJournal.readAt(heldJournal).orElseThrow().entry("measurement").orElseThrow().ranges())
                .as("held triggers keep the table in one stream").isNull();
        assertThat(value(held, "select count(*) from measurement where label = 'fired'")).isEqualTo(0L);
        assertThat(value(held, "select count(*) from pg_trigger where tgname = 'krange_marked'")).isEqualTo(1L);
    }

    /**
     * A value the target refuses fails its range alone: the range is rolled back, the ranges committed stay, the reason
     * names the range, the row's key and the column; once the target takes it, the retry loads only what is missing.
     */
    @Test
    void aRefusedValueRollsBackItsRangeAloneAndTheRetryLoadsOnlyTheRangesMissing() throws Exception {
        String source = sourceFile();
        String target = freshPostgres("krange_t_refused");
        copySchema(source, target, List.of(), Map.of());
        execute(target, "alter table measurement add constraint krange_no_25000 check (label <> 'label 25000')");
        Path journal = dir.resolve("refused.journal.json");
        ImportResult failed = copy(source, target, journal, true, ProgressListener.NONE);
        ImportJournal.Entry entry = failed.tables().stream().filter(e -> e.table().equals("measurement")).findFirst().orElseThrow();
        assertThat(entry.state()).isEqualTo(TableState.FAILED);
        assertThat(entry.reason()).contains("key range [" + 20_001L * 7 + ", " + 30_001L * 7 + ")", "id=" + 25_000 * 7, "krange_no_25000");
        assertThat(entry.ranges().get(2).committed()).as("the refused range").isFalse();
        assertThat(entry.ranges().get(0).committed()).isTrue();
        assertThat(count(target, "measurement")).as("the committed ranges stay").isEqualTo(entry.rowsImported()).isPositive();
        assertThat(value(target, "select count(*) from measurement where id >= " + 20_001 * 7 + " and id < " + 30_001 * 7)).isEqualTo(0L);

        execute(target, "alter table measurement drop constraint krange_no_25000");
        CopyOptions retry = new CopyOptions(List.of(), List.of(), Map.of(), false, false, true, 2, 1000, 10_000, journal,
                false, false, false, true, ImportOptions.DEFAULT_SERVER_TIMEOUT);
        ImportResult finished = copy(source, target, retry, ProgressListener.NONE);
        assertAllDone(finished);
        long before = entry.ranges().stream().filter(KeyRange::committed).count();
        assertThat(finished.tables()).filteredOn(e -> e.table().equals("measurement")).extracting(ImportJournal.Entry::reason)
                .containsExactly("resumed: " + before + " of 5 key ranges were committed");
        assertAllEqual(verifyAgainstSource(source, target, TABLES), TABLES.size());
    }

    private static ImportResult copy(String from, String to, CopyOptions options, ProgressListener progress) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new RecordCopier(source, target, progress).copy(options);
        }
    }

    @Test
    void aTableCutInKeyRangesLoadsSideBySideIntoServersAndInSequenceIntoSqliteEqualToItsSource() throws Exception {
        String source = sourceFile();
        for (String engine : List.of("postgres", "mariadb", "sqlite")) {
            for (boolean bulk : List.of(true, false)) {
                String target = freshTarget(engine, dir, "krange_t_" + bulk);
                copySchema(source, target, List.of(), Map.of());
                Path journal = dir.resolve(engine + "-" + bulk + ".journal.json");
                Threads threads = new Threads();
                ImportResult result = copy(source, target, journal, bulk, threads);
                String label = engine + (bulk ? " bulk" : " batched");
                assertAllDone(result);
                assertAllEqual(label, verifyAgainstSource(source, target, TABLES), TABLES.size());
                assertThat(count(target, "measurement")).isEqualTo(ROWS);

                ImportJournal.Entry entry = ImportJournal.readAt(journal).orElseThrow().entry("measurement").orElseThrow();
                assertThat(entry.reason()).as(label).isEqualTo("in 5 key ranges");
                assertThat(entry.ranges()).as(label).extracting(KeyRange::rows).containsExactly(10_000L, 10_000L, 10_000L, 10_000L, 5_000L);
                assertThat(entry.ranges().get(0).from()).isNull();
                assertThat(entry.ranges().get(1).from()).as("the 10,001st key").isEqualTo(10_001L * 7);
                assertThat(entry.ranges().get(4).to()).isNull();
                assertThat(ImportJournal.readAt(journal).orElseThrow().entry("station").orElseThrow().ranges())
                        .as("a table of fewer rows than --commit-every is one stream").isNull();
                assertThat(threads.last).as(label).containsEntry("measurement finished", (long) ROWS);
                assertThat(threads.fell).as("%s: the table's progress never falls back by a range", label).isFalse();
                if (!bulk) {
                    // batched inserts report on the writer's own thread
                    assertThat(threads.writers).as(label).hasSize(engine.equals("sqlite") ? 1 : 2);
                }
                // the counter moved past the last key once, at the end
                execute(target, "insert into measurement (station_id, label, amount) values (1, 'after', 1.0)");
                assertThat(value(target, "select max(id) from measurement").toString()).isEqualTo(String.valueOf(ROWS * 7 + 1));
            }
        }
        // from a server: PostgreSQL's readers join one exported snapshot, MariaDB's begin while commits are held back
        for (List<String> hop : List.of(List.of(postgresUrl("krange_t_true"), freshMaria("krange_t_hop")),
                List.of(mariaUrl("krange_t_true"), freshPostgres("krange_t_hop")))) {
            copySchema(hop.get(0), hop.get(1), List.of(), Map.of());
            Path journal = dir.resolve("hop.journal.json");
            ImportResult result = copy(hop.get(0), hop.get(1), journal, true, ProgressListener.NONE);
            assertAllDone(result);
            assertAllEqual(hop.toString(), verifyAgainstSource(hop.get(0), hop.get(1), TABLES), TABLES.size());
            assertThat(ImportJournal.readAt(journal).orElseThrow().entry("measurement").orElseThrow().reason()).isEqualTo("in 5 key ranges");
        }
    }
}
