package io.dbferry.core.transfer.imports;

import static io.dbferry.testing.TestDatabases.count;
import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.ImportResult;
import io.dbferry.core.transfer.TableState;
import io.dbferry.core.transfer.TargetConnectionLost;
import io.dbferry.testing.LoopbackProxy;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestDatabases;
import io.dbferry.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target server killed or frozen mid-import, through a loopback proxy the test kills or freezes: the
 * import stops with a CONNECTION error carrying its summary (the table in flight failed and rolled back,
 * the rest pending), a frozen server within the server timeout, and --retry-failed then loads exactly
 * what is missing.
 */
class ServerLostTest {

    private static final long PARTS = 60_000;

    @TempDir
    Path dir;

    /** A dump of many parts and the stock that references them. */
    private Path dump() throws Exception {
        Path source = dir.resolve("source.sqlite");
        execute(sqliteUrl(source), "create table part (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "create table stock (id INTEGER PRIMARY KEY, part_id INTEGER NOT NULL REFERENCES part (id))",
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < " + PARTS + ") "
                        + "insert into part select i, 'part number ' || i from n",
                "insert into stock select id, id from part where id <= 100");
        Path file = dir.resolve("data.json");
        TestDatabases.export(sqliteUrl(source), ExportOptions.all(file));
        return file;
    }

    private static String[] tables(boolean mysql) {
        return new String[]{"create table part (id " + (mysql ? "int" : "integer") + " primary key, name varchar(40) not null)",
                "create table stock (id integer primary key, part_id integer not null references part (id))"};
    }

    /** When the load of part has passed 5,000 rows, {@code act} runs once. */
    private static ProgressListener after5000(Runnable act) {
        return new ProgressListener() {
            private boolean done;

            @Override
            public synchronized void rowsDone(String table, long rows) {
                if (!done && table.equals("part") && rows >= 5_000) {
                    done = true;
                    act.run();
                }
            }
        };
    }

    private static String through(LoopbackProxy proxy, ServerInfo server, String database) {
        return (server.isMySql() ? "mysql://" : "postgresql://") + server.user() + "@127.0.0.1:" + proxy.port() + "/" + database;
    }

    /** Imports through a proxy killed or frozen at 5,000 rows, then with the server back retries through it. */
    private TargetConnectionLost lose(ServerInfo server, String database, ImportOptions options, boolean freeze) throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(server.host(), server.port())) {
            String url = through(proxy, server, database);
            TargetConnectionLost lost;
            try (DatabaseConnection target = TestDatabases.target(url)) {
                Importer importer = new Importer(target, after5000(freeze ? proxy::freeze : proxy::kill));
                lost = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> catchThrowableOfType(() -> importer.importFile(options), TargetConnectionLost.class));
            }
            proxy.kill(); // the frozen connections end; the server answers again
            assertRetryLoadsAll(url, options.file());
            return lost;
        }
    }

    private static void assertStopped(TargetConnectionLost lost, String what) {
        assertThat(lost).as("the import stops with the server's loss").isNotNull();
        assertThat(lost.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(lost.where().table()).isEqualTo("part");
        assertThat(lost.paragraph()).startsWith("The target server " + what + " while table part was loading; that table was "
                + "rolled back and 1 more did not start. Once the server answers again, connect the target again and import "
                + "with --retry-failed");
        ImportResult summary = lost.result();
        assertThat(summary.tables()).extracting(e -> e.table() + " " + e.state()).containsExactly("part FAILED", "stock PENDING");
        assertThat(summary.tables().get(0).rowsImported()).isZero();
    }

    private static void assertRetryLoadsAll(String url, Path file) throws Exception {
        assertThat(count(url, "part")).as("the table in flight was rolled back").isZero();
        ImportResult retry = TestDatabases.importFile(url, new ImportOptions(file, java.util.List.of(), false, true, 1000, false));
        assertThat(retry.succeeded()).isTrue();
        assertThat(count(url, "part")).isEqualTo(PARTS);
        assertThat(count(url, "stock")).isEqualTo(100);
    }

    /** A fresh database on {@code server} with the two tables, and the import into it killed or frozen. */
    private TargetConnectionLost onFresh(ServerInfo server, String database, ImportOptions options, boolean freeze) throws Exception {
        String url = server.isMySql() ? TestDatabases.freshMaria(database) : TestDatabases.freshPostgres(database);
        execute(url, tables(server.isMySql()));
        return lose(server, database, options, freeze);
    }

    private static final String TIMED_OUT = "did not answer for 2 s (the import's server timeout)";

    @Test
    void mariaDbKilledDuringLoadDataStopsTheImportWithItsSummary() throws Exception {
        TargetConnectionLost lost = onFresh(TestServers.mariadb(), "server_lost_killed", ImportOptions.all(dump()), false);
        assertStopped(lost, "went away");
        assertThat(lost.result().tables().get(0).reason()).startsWith("the server went away");
    }

    @Test
    void mariaDbFrozenDuringBatchedInsertsEndsAtTheServerTimeout() throws Exception {
        Path file = dump();
        long started = System.nanoTime();
        TargetConnectionLost lost = onFresh(TestServers.mariadb(), "server_lost_frozen",
                ImportOptions.all(file).withBulk(false).withServerTimeout(Duration.ofSeconds(2)), true);
        assertStopped(lost, TIMED_OUT);
        assertThat(lost.result().tables().get(0).reason()).isEqualTo("the server did not answer within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void postgresKilledDuringCopyStopsTheImportWithItsSummary() throws Exception {
        assertStopped(onFresh(TestServers.postgres(), "server_lost_killed", ImportOptions.all(dump()), false), "went away");
    }

    @Test
    void mariaDbFrozenDuringLoadDataEndsAtTheServerTimeout() throws Exception {
        assertStopped(onFresh(TestServers.mariadb(), "server_lost_frozen_bulk",
                ImportOptions.all(dump()).withServerTimeout(Duration.ofSeconds(2)), true), TIMED_OUT);
    }

    @Test
    void postgresFrozenDuringCopyEndsAtTheServerTimeout() throws Exception {
        assertStopped(onFresh(TestServers.postgres(), "server_lost_frozen",
                ImportOptions.all(dump()).withServerTimeout(Duration.ofSeconds(2)), true), TIMED_OUT);
    }
}
