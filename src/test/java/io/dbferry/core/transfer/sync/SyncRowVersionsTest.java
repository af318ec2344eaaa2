package io.dbferry.core.transfer.sync;

import io.dbferry.core.transfer.SyncMarks;
import io.dbferry.core.transfer.VerifyResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static io.dbferry.core.transfer.sync.RowVersions.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL source copied with copy-records (which leaves a mark per table), changed by inserts, updates of
 * every subtle kind and deletes, then synced into each engine: only the rows changed since the mark are read, the
 * deletes found by counting, the counts exact, and the target ends holding the source's rows value for value.
 */
class SyncRowVersionsTest {

    @TempDir
    Path dir;


    @ParameterizedTest(name = "postgres -> {0}")
    @ValueSource(strings = {"postgres", "mariadb", "sqlite"})
    void readsOnlyTheRowsChangedSinceTheCopy(String engine) throws Exception {
        String src = pgSource("synctests_rv_src_" + engine);
        String dst = freshOf(engine, dir, "synctests_rv_dst_" + engine);
        copySchema(src, dst, TABLES);
        boolean quietAtCopy = quiet(src);
        copy(src, dst, dir);
        // the copy left one mark per table, beside its journal, naming this source
        assertThat(marksFile(dir)).exists();
        for (String table : TABLES) {
            assertThat(mark(dir, src, dst, table)).as("mark of %s", table).isPresent();
        }

        change(src);
        SyncMarks.Entry parentMark = mark(dir, src, dst, "parent").orElseThrow();
        SyncMarks.Entry childMark = mark(dir, src, dst, "child").orElseThrow();
        boolean quietAtSync = quiet(src);
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        assertThat(synced.succeeded()).as("%s", synced).isTrue();
        SyncResult.TableSync parent = table(synced, "parent");
        SyncResult.TableSync child = table(synced, "child");
        // parent: 5 updated and 2 inserted read (more only where another transaction on the server was writing across
        // the copy's snapshot: then exactly the rows of its age and newer), 1 deleted found by the one key range
        // counted one row more on the target
        assertThat(parent.comparedBy()).startsWith("row versions since ").endsWith(" changed rows read; deletes in 1 key range)");
        assertThat(changedRead(parent)).isEqualTo(versionsSince(src, "parent", parentMark)).isBetween(7L, 41L);
        if (quietAtCopy) {
            assertThat(parent.comparedBy()).contains("(7 changed rows read;");
            assertThat(child.comparedBy()).contains("(4 changed rows read;");
        }
        assertThat(counts(parent)).containsExactly(2L, 5L, 1L, 34L);
        assertThat(parent.updatedKeys()).containsExactly("(id=1)", "(id=2)", "(id=3)", "(id=4)", "(id=5)");
        // child: 3 inserted and child 70 (a new version of the same value) read, 3 deleted (parent 6's two and 11)
        assertThat(child.comparedBy()).startsWith("row versions since ").contains(" changed rows read; deletes in ");
        assertThat(changedRead(child)).isEqualTo(versionsSince(src, "child", childMark)).isBetween(4L, 80L);
        assertThat(counts(child)).containsExactly(3L, 0L, 3L, 77L);
        assertThat(child.deletedKeys()).containsExactlyInAnyOrder("(id=11)", "(id=60)", "(id=61)");

        VerifyResult verified = verify(src, dst, TABLES);
        assertThat(verified.allEqual()).as("%s", verified).isTrue();
        assertThat(rows(dst, "parent", "id")).isEqualTo(rows(src, "parent", "id")).hasSize(41);
        assertThat(rows(dst, "child", "id")).isEqualTo(rows(src, "child", "id")).hasSize(80);
        assertThat(strings(dst, "select name from parent where id = 5")).containsExactly(NFD);
        assertThat(strings(dst, "select name from parent where id = 4")).containsExactly("NAME 4");

        // the sync left its own mark: nothing changed since, nothing read ("0 changed rows read" where no other session
        // was writing across the sync; else exactly the rows of that session's age and newer)
        List<SyncMarks.Entry> marks = List.of(mark(dir, src, dst, "parent").orElseThrow(), mark(dir, src, dst, "child").orElseThrow());
        assertThat(marks.get(0).since()).as("the sync's mark is newer than the copy's").isGreaterThanOrEqualTo(parentMark.since());
        SyncResult again = sync(src, dst, dir, SyncOptions.all());
        for (String table : TABLES) {
            SyncResult.TableSync t = table(again, table);
            long since = versionsSince(src, table, marks.get(TABLES.indexOf(table)));
            assertThat(t.comparedBy()).as(table).startsWith("row versions since ").endsWith("(" + changedRows(since) + ")");
            if (quietAtSync) {
                assertThat(t.comparedBy()).as(table).endsWith("(0 changed rows read)");
            }
            assertThat(List.of(t.inserted(), t.updated(), t.deleted())).as(table).containsExactly(0L, 0L, 0L);
        }
        assertThat(List.of(table(again, "parent").unchanged(), table(again, "child").unchanged())).containsExactly(41L, 80L);
    }
    /**
     * Deletes counted per key range, then again in narrower ranges within those, over a key that runs negative, through
     * zero (whose bucket spans both signs) and has a gap, on each engine's integer division: a bucket counted wrong
     * would fall back to the full comparison, a range left out would miss a delete.
     */
    @ParameterizedTest(name = "postgres -> {0}")
    @ValueSource(strings = {"postgres", "mariadb", "sqlite"})
    void deletesAcrossZeroAreFoundInNarrowerRanges(String engine) throws Exception {
        String src = freshPostgres("synctests_rv_ranges_src_" + engine);
        String dst = freshOf(engine, dir, "synctests_rv_ranges_dst_" + engine);
        execute(src, "create table ranged (id bigint primary key, v varchar(20))",
                "insert into ranged select g, 'v ' || g from generate_series(-1500, 1500) g where g not between 1000 and 1009");
        copySchema(src, dst, List.of("ranged"));
        copy(src, dst, dir);
        execute(src, "delete from ranged where id in (-1499, -700, -5, 0, 3, 288, 1400)",
                "insert into ranged values (1005, 'in the gap'), (5000, 'far'), (-3000, 'far below')",
                "update ranged set v = 'changed' where id in (-1, 7)", "update ranged set id = 6000 where id = 900");
        SyncResult synced = sync(src, dst, dir, SyncOptions.all());
        SyncResult.TableSync ranged = table(synced, "ranged");
        assertThat(ranged.comparedBy()).startsWith("row versions since ").containsPattern("; deletes in \\d+ key ranges?\\)$");
        // 3 inserted and the moved key's new row; 7 deleted and the moved key's old one
        assertThat(counts(ranged)).containsExactly(4L, 2L, 8L, 2981L);
        assertThat(rows(dst, "ranged", "id")).isEqualTo(rows(src, "ranged", "id")).hasSize(2987);
    }
}
