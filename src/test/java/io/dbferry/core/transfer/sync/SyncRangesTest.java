package io.dbferry.core.transfer.sync;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servers' checksums between two databases of one engine, over a key that runs negative, through zero (whose
 * bucket spans both signs) and has a gap: the differing buckets are summed again narrower, only the narrow ones
 * that differ are read (one query per side), and the counts are exact: a row read on one side only would count as
 * inserted or deleted.
 */
class SyncRangesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void readsOnlyTheNarrowBucketsThatDiffer(String engine) throws Exception {
        String src = engine.equals("postgres") ? freshPostgres("dbferry_sync_ranges_src") : freshMaria("dbferry_sync_ranges_src");
        String dst = engine.equals("postgres") ? freshPostgres("dbferry_sync_ranges_dst") : freshMaria("dbferry_sync_ranges_dst");
        for (String url : List.of(src, dst)) {
            execute(url, "create table ranged (id bigint primary key, v varchar(20), n bigint)");
            try (Connection c = jdbc(url); PreparedStatement p = c.prepareStatement("insert into ranged values (?, ?, ?)")) {
                c.setAutoCommit(false);
                for (int i = -1500; i <= 1500; i++) {
                    if (i < 1000 || i > 1009) { // a gap
                        p.setLong(1, i);
                        p.setString(2, "v " + i);
                        p.setLong(3, i * 3L);
                        p.addBatch();
                    }
                }
                p.executeBatch();
                c.commit();
            }
        }
        // keys about 288 wide per bucket (2,992 rows over 6,501 keys, 128 rows a bucket, a multiple of 16; the server's
        // estimate of the rows may move it a little), 18 per narrow one
        execute(src, "update ranged set v = 'changed' where id in (-1200, -1, 7, 900)", "delete from ranged where id = 300",
                "insert into ranged values (1005, 'in the gap', 0)", "insert into ranged values (5000, 'far', 0)");

        SyncResult dry = sync(src, dst, SyncOptions.all().dryRun(true));
        SyncResult.TableSync ranged = dry.tables().get(0);
        // coarse buckets -4, 0, 1 and 3 differ on both sides, 17 is only on the source; of the narrow ones, those of
        // -1200, of -1 and 7 (one bucket: -17 to 17), of 300, of 900 and of 1005
        assertThat(ranged.comparedBy()).matches("checksums \\(5 of 1[12] key ranges differ, 5 of \\d+ narrower ones read\\)");
        assertThat(List.of(ranged.inserted(), ranged.updated(), ranged.deleted(), ranged.unchanged()))
                .containsExactly(2L, 4L, 1L, 2986L);
        assertThat(ranged.updatedKeys()).containsExactly("(id=-1200)", "(id=-1)", "(id=7)", "(id=900)");

        SyncResult synced = sync(src, dst, SyncOptions.all());
        assertThat(synced.succeeded()).as("%s", synced).isTrue();
        assertThat(strings(dst, "select v from ranged where id = -1")).containsExactly("changed");
        assertThat(count(dst, "ranged")).isEqualTo(2992);
        SyncResult again = sync(src, dst, SyncOptions.all());
        assertThat(List.of(again.inserted(), again.updated(), again.deleted(), again.unchanged())).containsExactly(0L, 0L, 0L, 2992L);
        assertThat(again.tables().get(0).comparedBy()).matches("checksums \\(0 of 1[12] key ranges read\\)");

        // every range differs (one row in 50 changed): read whole, in one long run, not narrowed first
        execute(src, "update ranged set n = n + 1 where mod(id, 50) = 0");
        SyncResult scattered = sync(src, dst, SyncOptions.all().dryRun(true));
        assertThat(scattered.tables().get(0).comparedBy()).matches("checksums \\((1[12]) of \\1 key ranges read\\)");
        assertThat(scattered.updated()).isEqualTo(60);
    }

    /** {@code --full}: a PostgreSQL source synced twice would read only its rows changed since (row versions), not the checksums tested here. */
    private SyncResult sync(String from, String to, SyncOptions options) {
        return RowVersions.sync(from, to, dir, options.full(true));
    }
}
