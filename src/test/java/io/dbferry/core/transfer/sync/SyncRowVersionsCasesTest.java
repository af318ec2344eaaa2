package io.dbferry.core.transfer.sync;

import io.dbferry.core.transfer.CopyOptions;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.VerifyResult;
import io.dbferry.testing.BinDbferry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.dbferry.core.transfer.sync.RowVersions.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL into PostgreSQL with a mark: what must not be missed (a transaction open across the copy's snapshot,
 * with or without a subtransaction), and where the mark must not be trusted (a target changed behind its back, another
 * source database, an import into the table), a text key's deletes, and a dry run that leaves the marks as they were.
 */
class SyncRowVersionsCasesTest {

    @TempDir
    Path dir;

    private String src;
    private String dst;

    /** A source copied into a fresh target; its marks in {@code dir}. */
    private void copied(String tag) throws Exception {
        src = pgSource("synctests_rvc_src_" + tag);
        dst = freshPostgres("synctests_rvc_dst_" + tag);
        copySchema(src, dst, TABLES);
        copy(src, dst, dir);
    }

    private void assertEqual() throws Exception {
        VerifyResult verified = verify(src, dst, TABLES);
        assertThat(verified.allEqual()).as("%s", verified).isTrue();
        assertThat(rows(dst, "parent", "id")).isEqualTo(rows(src, "parent", "id"));
        assertThat(rows(dst, "child", "id")).isEqualTo(rows(src, "child", "id"));
    }

    /** Copies while a transaction (begun before, on its own connection) has an insert and an update uncommitted, then commits it. */
    private void copyDuringOpenTransaction(String tag, boolean insertInSavepoint) throws Exception {
        copyDuringOpenTransaction(tag, insertInSavepoint, CopyOptions.all(dir.resolve("copy.journal.json")));
    }

    private void copyDuringOpenTransaction(String tag, boolean insertInSavepoint, CopyOptions options) throws Exception {
        src = pgSource("synctests_rvc_src_" + tag);
        dst = freshPostgres("synctests_rvc_dst_" + tag);
        copySchema(src, dst, TABLES);
        try (Connection open = jdbc(src); Statement s = open.createStatement()) {
            open.setAutoCommit(false);
            if (insertInSavepoint) {
                // the insert is the transaction's first write: its subtransaction's xid is the newest, the parent's just before
                s.execute("savepoint inner_one");
                s.execute("insert into parent (id, name) values (201, 'in flight')");
                s.execute("release savepoint inner_one");
            } else {
                s.execute("insert into parent (id, name) values (201, 'in flight')");
            }
            s.execute("update parent set name = 'changed in flight' where id = 7");
            copy(src, dst, options);
            assertThat(count(dst, "parent")).as("the copy's snapshot does not see them").isEqualTo(40);
            open.commit();
        }
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        SyncResult.TableSync parent = table(synced, "parent");
        assertThat(parent.comparedBy()).startsWith("row versions since ");
        assertThat(counts(parent)).containsExactly(1L, 1L, 0L, 39L);
        assertThat(parent.insertedKeys()).containsExactly("(id=201)");
        assertThat(parent.updatedKeys()).containsExactly("(id=7)");
        assertEqual();
    }

    @Test
    void aTransactionOpenDuringTheCopyIsReadByTheSync() throws Exception {
        copyDuringOpenTransaction("open", false);
    }

    @Test
    void anInsertOfASubtransactionOpenDuringTheCopyIsReadByTheSync() throws Exception {
        copyDuringOpenTransaction("savepoint", true);
    }

    /** --jobs 2 cutting tables in key ranges (--commit-every): every reader in the one snapshot the mark is of. */
    @Test
    void aCopyWithJobsLeavesTheMarkOfItsOneSnapshot() throws Exception {
        copyDuringOpenTransaction("jobs", false, CopyOptions.all(dir.resolve("copy.journal.json")).withJobs(2).withCommitEvery(15));
        assertThat(counts(table(sync(src, dst, dir, SyncOptions.all()), "child"))).containsExactly(0L, 0L, 0L, 80L);
    }

    /** --full compares every row although there is a mark, and leaves the new one. */
    @Test
    void fullComparesEveryRowAndLeavesANewMark() throws Exception {
        copied("full");
        SyncMarks.Entry before = mark(dir, src, dst, "parent").orElseThrow();
        change(src);
        SyncResult synced = sync(src, dst, dir, SyncOptions.all().full(true));
        assertThat(table(synced, "parent").comparedBy()).startsWith("checksums (").doesNotContain("mark");
        assertThat(counts(table(synced, "parent"))).containsExactly(2L, 5L, 1L, 34L);
        assertThat(counts(table(synced, "child"))).containsExactly(3L, 0L, 3L, 77L);
        assertThat(mark(dir, src, dst, "parent").orElseThrow().takenAt()).isNotEqualTo(before.takenAt());
        assertEqual();
    }

    /** A mark newer than the source's transactions (a server restored from a backup taken before it) is not used. */
    @Test
    void aMarkNewerThanTheSourceIsNotUsed() throws Exception {
        copied("newer");
        SyncMarks.Entry entry = mark(dir, src, dst, "parent").orElseThrow();
        SyncMarks.read(marksFile(dir)).record(entry.target(), "parent", entry.source(),
                new io.dbferry.core.dialect.ChangedRows.Mark(entry.origin(), entry.since() + 1_000_000), Instant.parse(entry.takenAt()),
                entry.tableIdentity());
        execute(src, "update parent set note = 'after the copy' where id = 2");
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        assertThat(table(synced, "parent").comparedBy()).startsWith("checksums (")
                .endsWith("; mark not used: the mark is newer than the source (restored from a backup?)");
        assertThat(counts(table(synced, "parent"))).containsExactly(0L, 1L, 0L, 39L);
        assertThat(table(synced, "child").comparedBy()).startsWith("row versions since ");
        assertEqual();
    }

    /** A target table emptied and loaded again outside dbferry, its row count unchanged: its storage's identity says so. */
    @Test
    void aTargetTableTruncatedAndLoadedAgainIsComparedInFull() throws Exception {
        copied("truncated");
        execute(dst, "create table parent_kept as table parent", "truncate parent cascade", "insert into parent select * from parent_kept",
                "insert into child select * from child", "update parent set name = 'changed on the target' where id = 3",
                "drop table parent_kept");
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        assertThat(table(synced, "parent").comparedBy()).doesNotContain("row versions")
                .endsWith("; mark not used: the target table was created again, emptied or rebuilt since");
        assertThat(counts(table(synced, "parent"))).containsExactly(0L, 1L, 0L, 39L);
        assertEqual();
    }

    /** A column added with a default on both sides at different times: no row version moves, the catalog's rows do. */
    @Test
    void aSourceTableRedefinedSinceTheMarkIsComparedInFull() throws Exception {
        copied("redefined");
        execute(src, "alter table parent add column flag varchar(10) not null default 'source'");
        execute(dst, "alter table parent add column flag varchar(10) not null default 'target'");
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        assertThat(table(synced, "parent").comparedBy()).doesNotContain("row versions")
                .endsWith("; mark not used: the source table's definition changed since");
        assertThat(counts(table(synced, "parent"))).containsExactly(0L, 40L, 0L, 0L);
        assertThat(table(synced, "child").comparedBy()).startsWith("row versions since ");
        assertEqual();
    }

    /** The same database reached by another URL: the mark is not used (a clone of it would have the same origin). */
    @Test
    void aMarkLeftThroughAnotherUrlIsNotUsed() throws Exception {
        copied("url");
        String other = src.contains("127.0.0.1") ? src.replace("127.0.0.1", "localhost") : src.replace("localhost", "127.0.0.1");
        assertThat(other).isNotEqualTo(src);
        execute(src, "update parent set note = 'after the copy' where id = 2");
        SyncResult synced = sync(other, dst, dir, SyncOptions.all());
        assertThat(table(synced, "parent").comparedBy()).doesNotContain("row versions")
                .contains("; mark not used: it was left by a copy or sync from ");
        assertThat(counts(table(synced, "parent"))).containsExactly(0L, 1L, 0L, 39L);
        assertEqual();
    }

    @Test
    void aTargetWithFewerRowsThanTheMarkSaysIsComparedInFull() throws Exception {
        copied("tampered");
        execute(dst, "delete from child where id = 100"); // behind the mark's back
        execute(src, "update parent set note = 'after the copy' where id = 2");
        // child 100 is read again (and so found missing) only where another writer on the server was open across the copy
        boolean reread = versionsSince(src, "child", mark(dir, src, dst, "child").orElseThrow()) > 0;
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        SyncResult.TableSync child = table(synced, "child");
        if (!reread) {
            assertThat(child.comparedBy()).doesNotStartWith("row versions")
                    .contains("the target holds fewer rows than the mark says, so every row was compared");
        }
        assertThat(counts(child)).containsExactly(1L, 0L, 0L, 79L);
        assertThat(child.insertedKeys()).containsExactly("(id=100)");
        SyncResult.TableSync parent = table(synced, "parent");
        assertThat(parent.comparedBy()).startsWith("row versions since ");
        assertThat(List.of(parent.inserted(), parent.updated(), parent.deleted())).containsExactly(0L, 1L, 0L);
        assertEqual();
    }

    @Test
    void aMarkOfAnotherSourceDatabaseIsNotUsed() throws Exception {
        copied("other");
        String first = src;
        src = pgSource("synctests_rvc_src_other2");
        execute(src, "update parent set name = 'of the second source' where id = 9");
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        // the mark is found for the target's table, and refused by its origin (the cluster and the database's OID)
        for (String table : TABLES) {
            assertThat(table(synced, table).comparedBy()).as(table).doesNotContain("row versions")
                    .endsWith("; mark not used: the source is not the database the mark was taken in");
        }
        assertThat(counts(table(synced, "parent"))).containsExactly(0L, 1L, 0L, 39L);
        assertEqual();
        // the marks now name the second source; the first's are gone (one mark per target table)
        assertThat(mark(dir, src, dst, "parent")).isPresent();
        assertThat(mark(dir, first, dst, "parent")).isEmpty();

        // the same name, another database (dropped and made again): its mark is refused by the origin
        src = pgSource("synctests_rvc_src_other2");
        SyncResult again = sync(src, dst, dir, SyncOptions.all());
        assertThat(table(again, "parent").comparedBy()).doesNotContain("row versions")
                .contains("mark not used: the source is not the database the mark was taken in");
        assertThat(counts(table(again, "parent"))).containsExactly(0L, 1L, 0L, 39L);
        assertEqual();
    }

    /**
     * import-records forgets the marks kept beside dbferry.yml, else in the current folder, so it runs as bin/dbferry
     * in {@code dir} (no dbferry.yml), where the copy left them; only the imported table's mark goes.
     */
    @Test
    void importRecordsForgetsTheMarksOfTheTablesItWrites() throws Exception {
        copied("import");
        Path dump = dir.resolve("child.json");
        export(src, ExportOptions.all(dump));
        Path script = Files.writeString(dir.resolve("import.txt"), "connect target " + dst + "\nimport-records -f " + dump
                + " --tables child --clear --quiet\n");
        BinDbferry.Result imported = BinDbferry.runIn(dir, dir.resolve("import"), List.of("--file", script.toString()), Map.of(), null, 180);
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(mark(dir, src, dst, "child")).as("imported: forgotten").isEmpty();
        assertThat(mark(dir, src, dst, "parent")).as("not imported: kept").isPresent();

        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        assertThat(table(synced, "child").comparedBy()).doesNotContain("row versions").contains("no mark yet");
        assertThat(table(synced, "parent").comparedBy()).startsWith("row versions since ");
        assertEqual();
    }

    @Test
    void forgetRemovesOnlyTheNamedTablesOfThatTarget() throws Exception {
        Path file = dir.resolve("forget.marks.json");
        SyncMarks marks = SyncMarks.read(file);
        var mark = new io.dbferry.core.dialect.ChangedRows.Mark("origin", 42);
        marks.record("t1", "Parent", "s", mark, Instant.EPOCH, null);
        marks.record("t1", "child", "s", mark, Instant.EPOCH, null);
        marks.record("t2", "parent", "s", mark, Instant.EPOCH, null);
        SyncMarks.read(file).forget("t1", List.of("PARENT"));
        SyncMarks after = SyncMarks.read(file);
        assertThat(after.of("t1", "Parent")).isEmpty();
        assertThat(after.of("t1", "child")).isPresent();
        assertThat(after.of("t2", "parent")).get().extracting(SyncMarks.Entry::since).isEqualTo(42L);
    }

    /**
     * Two writers of one marks file (a copy into one target, an import into another, in one folder): the later change
     * is made to the file as it is then, so the mark the import removed does not come back.
     */
    @Test
    void aMarkRemovedByAnotherWriterDoesNotComeBack() throws Exception {
        Path file = dir.resolve("two.marks.json");
        var mark = new io.dbferry.core.dialect.ChangedRows.Mark("origin", 7);
        SyncMarks.read(file).record("t2", "item", "s", mark, Instant.EPOCH, null);
        SyncMarks copying = SyncMarks.read(file); // read at the copy's start
        SyncMarks.read(file).forget("t2", List.of("item")); // an import into t2 meanwhile
        copying.record("t1", "item", "s", mark, Instant.EPOCH, null);
        SyncMarks after = SyncMarks.read(file);
        assertThat(after.of("t2", "item")).as("forgotten by the import").isEmpty();
        assertThat(after.of("t1", "item")).isPresent();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aTextKeysDeletesAreFoundByReadingEveryKey() throws Exception {
        src = freshPostgres("synctests_rvc_src_text");
        dst = freshPostgres("synctests_rvc_dst_text");
        execute(src, "create table tagged (code varchar(20) primary key, v integer)",
                "insert into tagged select 'k' || lpad(g::text, 3, '0'), g from generate_series(1, 50) g");
        copySchema(src, dst, List.of("tagged"));
        copy(src, dst, dir);
        execute(src, "delete from tagged where code in ('k010', 'k020', 'k030')", "update tagged set v = -1 where code = 'k040'",
                "insert into tagged values ('a-first', 0), ('z-last', 99)", "update tagged set code = 'k999' where code = 'k045'");
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        SyncResult.TableSync tagged = table(synced, "tagged");
        assertThat(tagged.comparedBy()).startsWith("row versions since ").endsWith("; every key read for deletes)");
        // a key changed (k045 to k999) is one row inserted and one deleted
        assertThat(counts(tagged)).containsExactly(3L, 1L, 4L, 45L);
        assertThat(tagged.deletedKeys()).containsExactly("(code=k010)", "(code=k020)", "(code=k030)", "(code=k045)");
        assertThat(rows(dst, "tagged", "code")).isEqualTo(rows(src, "tagged", "code")).hasSize(49);
    }

    /** A timestamp key: its changed rows are not looked up by bound values (a dialect binds those its own way): compared in full. */
    @Test
    void aKeyOfAnotherTypeIsComparedInFull() throws Exception {
        src = freshPostgres("synctests_rvc_src_tskey");
        dst = freshMaria("synctests_rvc_dst_tskey");
        execute(src, "create table reading (at timestamp(6) primary key, v integer)",
                "insert into reading select timestamp '2026-01-01 00:00:00.000001' + g * interval '1 second', g from generate_series(1, 30) g");
        copySchema(src, dst, List.of("reading"));
        copy(src, dst, dir);
        execute(src, "update reading set v = -1 where v = 7", "delete from reading where v = 8");
        SyncResult.TableSync reading = table(sync(src, dst, dir, SyncOptions.all()), "reading");
        assertThat(reading.comparedBy()).doesNotContain("row versions").endsWith("; mark not used: key column at is neither an integer nor text)");
        assertThat(counts(reading)).containsExactly(0L, 1L, 1L, 28L);
        VerifyResult verified = verify(src, dst, List.of("reading"));
        assertThat(verified.allEqual()).as("%s", verified).isTrue();
    }

    /** A MariaDB target table truncated and loaded again with the same rows: InnoDB's table id says so. */
    @Test
    void aMariaDbTableTruncatedAndLoadedAgainIsComparedInFull() throws Exception {
        src = freshPostgres("synctests_rvc_src_mtrunc");
        dst = freshMaria("synctests_rvc_dst_mtrunc");
        execute(src, "create table solo (id bigint primary key, v varchar(20))", "insert into solo select g, 'v' || g from generate_series(1, 30) g");
        copySchema(src, dst, List.of("solo"));
        copy(src, dst, dir);
        execute(dst, "create table solo_kept as select * from solo", "truncate table solo", "insert into solo select * from solo_kept",
                "update solo set v = 'on the target' where id = 3", "drop table solo_kept");
        SyncResult.TableSync solo = table(sync(src, dst, dir, SyncOptions.all()), "solo");
        assertThat(solo.comparedBy()).doesNotContain("row versions")
                .contains("mark not used: the target table was created again, emptied or rebuilt since");
        assertThat(counts(solo)).containsExactly(0L, 1L, 0L, 29L);
        assertThat(rows(dst, "solo", "id")).isEqualTo(rows(src, "solo", "id"));
    }

    /** An integer key moved to another key range: inserted there, and its old key found deleted by counting. */
    @Test
    void anIntegerKeyMovedIsAnInsertAndADelete() throws Exception {
        copied("moved");
        execute(src, "update child set id = 5000 where id = 70", "update parent set amount = 0 where id = 39");
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        SyncResult.TableSync child = table(synced, "child");
        assertThat(child.comparedBy()).startsWith("row versions since ").endsWith("; deletes in 1 key range)");
        assertThat(counts(child)).containsExactly(1L, 0L, 1L, 79L);
        assertThat(child.insertedKeys()).containsExactly("(id=5000)");
        assertThat(child.deletedKeys()).containsExactly("(id=70)");
        assertThat(counts(table(synced, "parent"))).containsExactly(0L, 1L, 0L, 39L);
        assertEqual();
    }

    /**
     * A server that will not tell its mark (here pg_control_system() shadowed by one that fails, as a server hiding it
     * would): a sync from an earlier mark does not use it, a copy goes on without one (the failed query must not abort
     * the snapshot's transaction), every row compared, and no mark is left.
     */
    @Test
    void aSourceThatHidesItsMarkIsSyncedAndCopiedInFull() throws Exception {
        copied("hidden");
        execute(src, "create function public.pg_control_system() returns table (system_identifier bigint) language plpgsql"
                        + " as $$ begin raise exception 'not for you'; end $$",
                "alter database synctests_rvc_src_hidden set search_path = public, pg_catalog");
        change(src);
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        assertThat(synced.succeeded()).as("%s", synced).isTrue();
        assertThat(table(synced, "parent").comparedBy()).startsWith("checksums (")
                .endsWith("; mark not used: the source does not tell its mark now");
        assertThat(counts(table(synced, "parent"))).containsExactly(2L, 5L, 1L, 34L);
        assertThat(mark(dir, src, dst, "parent")).as("none kept").isEmpty();
        assertEqual();

        dst = freshPostgres("synctests_rvc_dst_hidden2");
        copySchema(src, dst, TABLES);
        copy(src, dst, dir);
        assertThat(mark(dir, src, dst, "parent")).isEmpty();
        assertEqual();
    }

    @Test
    void aDryRunWithAMarkWritesNothingAndKeepsTheMarks() throws Exception {
        copied("dry");
        change(src);
        byte[] before = Files.readAllBytes(marksFile(dir));
        SyncResult dry = sync(src, dst, dir, SyncOptions.all().dryRun(true));
        SyncResult.TableSync parent = table(dry, "parent");
        assertThat(parent.comparedBy()).startsWith("row versions since ");
        assertThat(counts(parent)).containsExactly(2L, 5L, 1L, 34L);
        assertThat(counts(table(dry, "child"))).containsExactly(3L, 0L, 3L, 77L);
        assertThat(Files.readAllBytes(marksFile(dir))).as("the marks file, byte for byte").isEqualTo(before);
        assertThat(dir.resolve("sync.journal.json")).doesNotExist();
        assertThat(count(dst, "parent")).isEqualTo(40);
        assertThat(count(dst, "child")).isEqualTo(80);
        // and the real sync after it still reads from the copy's mark
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        assertThat(counts(table(synced, "parent"))).containsExactly(2L, 5L, 1L, 34L);
        assertEqual();
    }
}
