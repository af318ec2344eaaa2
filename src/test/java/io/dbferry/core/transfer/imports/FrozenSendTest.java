package io.dbferry.core.transfer.imports;

import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.progress.ProgressListener;
import io.dbferry.core.session.DatabaseConnection;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.core.transfer.ImportOptions;
import io.dbferry.core.transfer.TargetConnectionLost;
import io.dbferry.testing.LoopbackProxy;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestDatabases;
import io.dbferry.testing.TestServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.dbferry.testing.TestDatabases.count;
import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A server frozen under a LOAD DATA or COPY far larger than the socket buffers: the driver's write blocks,
 * which no socket timeout covers. The send watchdog ends it after the server timeout, as a CONNECTION error
 * with the summary and advice of the other lost-connection cases; the table is rolled back.
 */
class FrozenSendTest {

    private static final long ROWS = 250_000; // about 60 MB of COPY / LOAD DATA text

    @TempDir
    Path dir;

    private Path dump() throws Exception {
        Path source = dir.resolve("wide.sqlite");
        execute(sqliteUrl(source), "create table part (id INTEGER PRIMARY KEY, name VARCHAR(250) NOT NULL)",
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < " + ROWS + ") "
                        + "insert into part select i, printf('%0240d', i) from n");
        Path file = dir.resolve("wide.json");
        TestDatabases.export(sqliteUrl(source), ExportOptions.all(file));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgres"})
    void aServerFrozenUnderALargeFastLoadEndsAtTheServerTimeout(String engine) throws Exception {
        ServerInfo server = engine.equals("mariadb") ? TestServers.mariadb() : TestServers.postgres();
        String direct = engine.equals("mariadb") ? TestDatabases.freshMaria("dbferry_hold_frozen") : TestDatabases.freshPostgres("dbferry_hold_frozen");
        execute(direct, "create table part (id integer primary key, name varchar(250) not null)");
        Path file = dump();
        try (LoopbackProxy proxy = new LoopbackProxy(server.host(), server.port())) {
            String url = (server.isMySql() ? "mysql://" : "postgresql://") + server.user() + "@127.0.0.1:" + proxy.port()
                    + "/dbferry_hold_frozen";
            TargetConnectionLost lost;
            long started = System.nanoTime();
            try (DatabaseConnection target = TestDatabases.target(url)) {
                Importer importer = new Importer(target, new ProgressListener() {
                    private boolean frozen;

                    @Override
                    public synchronized void rowsDone(String table, long rows) {
                        if (!frozen && rows >= 5_000) {
                            frozen = true;
                            proxy.freeze();
                        }
                    }
                });
                lost = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> catchThrowableOfType(
                        () -> importer.importFile(ImportOptions.all(file).withServerTimeout(Duration.ofSeconds(2))),
                        TargetConnectionLost.class));
            }
            assertThat(lost).as("the import stops").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));
            assertThat(lost.kind()).isEqualTo(Kind.CONNECTION);
            assertThat(lost.paragraph()).startsWith("The target server did not answer for 2 s (the import's server timeout) while"
                    + " table part was loading; that table was rolled back").contains("--retry-failed");
            assertThat(lost.result().tables()).extracting(e -> e.table() + " " + e.state()).containsExactly("part FAILED");
            assertThat(lost.result().tables().get(0).reason()).isEqualTo("the server did not answer within 2 s");
            proxy.kill();
        }
        assertThat(count(direct, "part")).as("rolled back").isZero();
    }
}
