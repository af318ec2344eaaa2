package io.dbferry.core.transfer.sync;

import io.dbferry.core.DbferryException;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.Verifier;
import io.dbferry.core.transfer.VerifyResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static io.dbferry.core.transfer.sync.RowVersions.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * sync on every engine once as source and once as target: a target made equal from empty, then a source
 * changed by inserts (a parent with new children), updates of every subtle kind and deletes made equal
 * again with only those rows written; a dry run writes nothing; no change writes nothing; a keyless table is
 * refused by name; verify --diff names the same differences.
 */
class SynchronizerTest {

    @TempDir
    Path dir;

    /** The origin: PostgreSQL, well typed (RowVersions' source, and a table without a key); other sources are made from it by sync itself. */
    private static String origin(String database) throws SQLException {
        String pg = pgSource(database);
        execute(pg, "create table nokey (a integer, b varchar(10))", "insert into nokey values (1, 'x'), (1, 'x')");
        return pg;
    }


    /**
     * {@code --full}: a PostgreSQL source synced again would read only the rows changed since the last sync's mark (row
     * versions, SyncRowVersionsTest), not the checksums or the walk this test is about.
     */
    private static SyncOptions options() {
        return new SyncOptions(List.of(), List.of("nokey"), false, true, false, 7, SyncOptions.DEFAULT_JOURNAL, true);
    }

    private static VerifyResult verify(String from, String to, int diffLimit) {
        try (DatabaseConnection source = source(from); DatabaseConnection target = target(to)) {
            return new Verifier(target, ProgressListener.NONE).listingDifferences(diffLimit).againstSource(source, TABLES);
        }
    }

    private static VerifyResult.TableDiff diffOf(VerifyResult r, String name) {
        return r.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow().diff();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"sqlite, mariadb", "mariadb, postgres", "postgres, sqlite", "postgres, postgres", "mariadb, mariadb"})
    void makesTheTargetEqualWritingOnlyTheDifferences(String sourceEngine, String targetEngine) throws Exception {
        String tag = sourceEngine.substring(0, 2) + targetEngine.substring(0, 2);
        String origin = origin("dbferry_sync_origin_" + tag);
        String src = origin;
        if (!sourceEngine.equals("postgres")) {
            src = freshOf(sourceEngine, dir, "dbferry_sync_src_" + tag);
            copySchema(origin, src, List.of("parent", "child", "nokey"));
            SyncResult first = sync(origin, src, dir, options());
            assertThat(first.succeeded()).as("%s", first).isTrue();
            assertThat(table(first, "parent").inserted()).isEqualTo(40);
        }
        checkSync(src, sourceEngine, freshOf(targetEngine, dir, "dbferry_sync_dst_" + tag), sourceEngine.equals(targetEngine));
    }

    /** {@code sameEngine}: the servers' per-range checksums find the differing ranges (else every row is walked). */
    private void checkSync(String src, String sourceEngine, String dst, boolean sameEngine) throws Exception {
        copySchema(src, dst, List.of("parent", "child", "nokey"));

        // from empty, parents before children
        SyncResult initial = sync(src, dst, dir, options());
        assertThat(initial.succeeded()).as("%s", initial).isTrue();
        assertThat(initial.tables()).extracting(SyncResult.TableSync::table).containsExactly("parent", "child");
        assertThat(initial.inserted()).isEqualTo(120);
        assertThat(verify(src, dst, 20).allEqual()).isTrue();

        // no change: 0 / 0 / 0
        SyncResult again = sync(src, dst, dir, options());
        assertThat(List.of(again.inserted(), again.updated(), again.deleted(), again.unchanged())).containsExactly(0L, 0L, 0L, 120L);

        // a keyless table is refused by name, before anything is written
        assertThatThrownBy(() -> sync(src, dst, dir, options().tables(List.of()).journal(dir.resolve("j"))
                .withExclude(List.of())))
                .isInstanceOf(DbferryException.class).hasMessageContaining("nokey")
                .satisfies(e -> assertThat(((DbferryException) e).paragraph()).contains("copy-records --tables nokey --clear"));

        change(src, sourceEngine);
        VerifyResult diff = verify(src, dst, 20);
        VerifyResult.TableDiff parentDiff = diffOf(diff, "parent");
        VerifyResult.TableDiff childDiff = diffOf(diff, "child");
        assertThat(List.of(parentDiff.missing(), parentDiff.extra(), parentDiff.changed())).containsExactly(2L, 1L, 5L);
        assertThat(List.of(childDiff.missing(), childDiff.extra(), childDiff.changed())).containsExactly(3L, 3L, 0L);
        assertThat(parentDiff.rows()).filteredOn(r -> r.kind() == VerifyResult.DifferenceKind.CHANGED)
                .extracting(r -> r.key() + " " + r.columns().get(0).column())
                .containsExactly("(id=1) note", "(id=2) data", "(id=3) ts", "(id=4) name", "(id=5) name");
        assertThat(diffOf(verify(src, dst, 2), "parent").rows()).as("--limit").hasSize(2);

        // a dry run counts and names the first keys, and writes nothing
        SyncResult dry = sync(src, dst, dir, options().dryRun(true));
        assertThat(table(dry, "parent").insertedKeys()).containsExactly("(id=101)", "(id=102)");
        assertThat(table(dry, "parent").deletedKeys()).containsExactly("(id=6)");
        assertThat(table(dry, "parent").updated()).isEqualTo(5);
        assertThat(count(dst, "parent")).isEqualTo(40);
        assertThat(verify(src, dst, 0).allEqual()).isFalse();

        SyncResult synced = sync(src, dst, dir, options());
        assertThat(synced.succeeded()).as("%s", synced).isTrue();
        SyncResult.TableSync parent = table(synced, "parent");
        SyncResult.TableSync child = table(synced, "child");
        assertThat(parent.comparedBy()).startsWith(sameEngine ? "checksums (" : "walk (engines differ)");
        assertThat(List.of(parent.inserted(), parent.updated(), parent.deleted(), parent.unchanged())).containsExactly(2L, 5L, 1L, 34L);
        assertThat(List.of(child.inserted(), child.updated(), child.deleted(), child.unchanged())).containsExactly(3L, 0L, 3L, 77L);
        VerifyResult after = verify(src, dst, 20);
        assertThat(after.allEqual()).as("%s", after).isTrue();
        assertThat(diffOf(after, "parent").rows()).isEmpty();
        // the rows as the target holds them, read with plain JDBC
        assertThat(strings(dst, "select note from parent where id = 1")).containsExactly((String) null);
        assertThat(bytes(dst, "select data from parent where id = 2")).containsExactly(2, 0, 0xfe, 7);
        assertThat(strings(dst, "select name from parent where id = 4")).containsExactly("NAME 4");
        assertThat(strings(dst, "select name from parent where id = 5")).containsExactly(NFD);
        assertThat(count(dst, "child")).isEqualTo(80);
        assertThat(strings(dst, "select label from child where id = 1011")).containsExactly("new child 1");
        // the counter moved past the new keys: a row inserted without an id would not collide (where there is one)
        SyncResult last = sync(src, dst, dir, options());
        assertThat(List.of(last.inserted(), last.updated(), last.deleted())).containsExactly(0L, 0L, 0L);
        assertThat(last.tables()).allMatch(t -> t.state() == TableState.DONE);
    }

    private static byte[] bytes(String url, String sql) throws SQLException {
        try (Connection c = jdbc(url); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getBytes(1);
        }
    }
}
