package io.dbferry.core.transfer;

import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.imports.RecordCopier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * copy-records --jobs 2 reads the source in one snapshot: rows another connection commits to the source once the
 * copy has begun (a parent, its child, a row in every other table) reach no table of the target, whether the job
 * reading that table started before or after the commit; PostgreSQL's readers join one exported snapshot,
 * MariaDB's begin theirs while a guard holds every commit to the copied tables back. The copy's source
 * transactions write nothing.
 */
class CopyRecordsSnapshotTest {

    private static final int ROWS = 2000;
    private static final List<String> SOLO = List.of("solo_a", "solo_b", "solo_c", "solo_d");
    private static final long LATE = 1_000_001L;

    @TempDir
    Path dir;

    /** A parent and child (one group) and four tables with no key between them: five groups for two jobs. */
    private static void fill(String url) throws Exception {
        List<String> sql = new ArrayList<>(List.of(
                "create table parent (id integer primary key, name varchar(20) not null)",
                "create table child (id integer primary key, parent_id integer not null, note varchar(20),"
                        + " constraint child_parent foreign key (parent_id) references parent (id))"));
        for (String table : List.of("parent", "child")) {
            sql.add("insert into " + table + " select i, " + (table.equals("child") ? "i, " : "") + "'row' from "
                    + numbers(url));
        }
        for (String solo : SOLO) {
            sql.add("create table " + solo + " (id integer primary key, v varchar(20))");
            sql.add("insert into " + solo + " select i, 'row' from " + numbers(url));
        }
        execute(url, sql.toArray(String[]::new));
    }

    private static String numbers(String url) {
        return url.startsWith("postgres")
                ? "generate_series(1, " + ROWS + ") as g(i)"
                : "(select seq as i from seq_1_to_" + ROWS + ") as g"; // MariaDB's sequence engine
    }

    /** Commits, on a connection of its own, a late parent with its child and a late row in every other table. */
    private static void commitLateRows(String url) {
        List<String> sql = new ArrayList<>(List.of("insert into parent values (" + LATE + ", 'late')",
                "insert into child values (" + LATE + ", " + LATE + ", 'late')"));
        SOLO.forEach(t -> sql.add("insert into " + t + " values (" + LATE + ", 'late')"));
        try {
            execute(url, sql.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One line per transaction open on the source database, 1 where it has written, else 0: PostgreSQL gives a
     * transaction an id only when it writes; InnoDB marks a READ ONLY one.
     */
    private static List<String> copySessions(String url) {
        String database = url.substring(url.lastIndexOf('/') + 1);
        try {
            return url.startsWith("postgres")
                    ? strings(url, "select case when backend_xid is null then 0 else 1 end from pg_stat_activity where datname = '"
                    + database + "' and backend_type = 'client backend' and backend_xmin is not null and pid <> pg_backend_pid()")
                    : strings(url, "select 1 - t.trx_is_read_only from information_schema.innodb_trx t join information_schema.processlist p"
                    + " on p.id = t.trx_mysql_thread_id where p.db = '" + database + "' and p.id <> connection_id()");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void copyWhileTheSourceChanges(String sourceUrl, String targetUrl) throws Exception {
        fill(sourceUrl);
        copySchema(sourceUrl, targetUrl, List.of(), Map.of());
        AtomicBoolean committed = new AtomicBoolean();
        AtomicReference<List<String>> sessions = new AtomicReference<>();
        ProgressListener lateWriter = new ProgressListener() {
            @Override
            public void tableStarted(String table, long expectedRows) {
                if (committed.compareAndSet(false, true)) {
                    commitLateRows(sourceUrl);
                    sessions.set(copySessions(sourceUrl));
                }
            }
        };
        ImportResult result;
        try (DatabaseConnection source = source(sourceUrl); DatabaseConnection target = target(targetUrl)) {
            result = new RecordCopier(source, target, lateWriter).copy(CopyOptions.all(dir.resolve("snap.journal.json")).withJobs(2));
        }
        assertAllDone(result);
        assertThat(committed).isTrue();
        // the copy's own two source sessions, mid-copy: each in a transaction, none of them having written
        assertThat(sessions.get()).as("the copy's source transactions: writing (1) or read-only (0)").hasSizeGreaterThanOrEqualTo(2)
                .containsOnly("0");
        List<String> tables = new ArrayList<>(List.of("parent", "child"));
        tables.addAll(SOLO);
        for (String table : tables) {
            assertThat(count(sourceUrl, table)).as("source %s", table).isEqualTo(ROWS + 1);
            assertThat(count(targetUrl, table)).as("target %s holds only what the snapshot held", table).isEqualTo(ROWS);
        }
        // without the late rows the source is what the copy saw: equal, the child's parents all there
        for (String table : List.of("child", "parent", "solo_a", "solo_b", "solo_c", "solo_d")) {
            execute(sourceUrl, "delete from " + table + " where id = " + LATE);
        }
        assertAllEqual(verifyAgainstSource(sourceUrl, targetUrl, tables), tables.size());
        assertThat(value(targetUrl, "select count(*) from child where parent_id not in (select id from parent)"))
                .isEqualTo(0L);
    }

    @Test
    void postgresSourceReadersJoinOneSnapshot() throws Exception {
        copyWhileTheSourceChanges(freshPostgres("copy_t_snap_src"), freshMaria("copy_t_snap_pg"));
    }

    @Test
    void mariaDbSourceReadersBeginTheirSnapshotsAtOneMoment() throws Exception {
        copyWhileTheSourceChanges(freshMaria("copy_t_snap_src"), freshPostgres("copy_t_snap_my"));
    }
}
