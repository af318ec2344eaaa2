package io.dbferry.shell.commands;

import io.dbferry.core.config.DbferryConfig;
import static io.dbferry.testing.TestDatabases.execute;
import static io.dbferry.testing.TestDatabases.sqliteUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbferry.core.DbferryException;
import io.dbferry.core.DbferryException.Kind;
import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.shell.process.LaunchOptions;
import io.dbferry.shell.progress.ProgressViews;
import io.dbferry.testing.LoopbackProxy;
import io.dbferry.testing.ServerInfo;
import io.dbferry.testing.TestDatabases;
import io.dbferry.testing.TestServers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import-records when the target server dies mid-import: the summary, the server gone, the retry to run. */
class ImportServerLostTest {

    private final Session session = new Session();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        session.close();
    }

    private RecordCommands commands() {
        return new RecordCommands(session, new TableNameCache(session), new ProgressViews(LaunchOptions.none()), DbferryConfig.empty());
    }

    private String importRecords(String file, long serverTimeout, boolean retry) {
        return commands().importRecords(file, null, false, retry, 1000, false, false, false, false, false, 1, false, serverTimeout, 0, null, false, true, "text");
    }

    @Test
    void aServerKilledMidImportGivesTheSummaryAndTheRetry() throws Exception {
        Path source = dir.resolve("source.sqlite");
        execute(sqliteUrl(source), "create table part (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < 50000) "
                        + "insert into part select i, 'part number ' || i from n");
        Path file = dir.resolve("data.json");
        TestDatabases.export(sqliteUrl(source), ExportOptions.all(file));
        TestDatabases.freshMaria("shell_server_lost");
        ServerInfo server = TestServers.mariadb();
        execute(TestDatabases.mariaUrl("shell_server_lost"), "create table part (id int primary key, name varchar(40) not null)");

        try (LoopbackProxy proxy = new LoopbackProxy(server.host(), server.port())) {
            String url = "mysql://" + server.user() + "@127.0.0.1:" + proxy.port() + "/shell_server_lost";
            session.connect(Side.TARGET, new ConnectionRequest(url, null, null));
            proxy.killAfter(200_000); // well into the 50,000 rows' LOAD DATA

            FailedWithReport failed = catchThrowableOfType(() -> importRecords(file.toString(), 600, false), FailedWithReport.class);

            assertThat(failed.kind()).isEqualTo(Kind.CONNECTION);
            assertThat(failed.report()).contains("part").contains("failed").contains("the server went away");
            assertThat(failed.paragraph()).isEqualTo("The target server went away while table part was loading; that table was "
                    + "rolled back. Once the server answers again, connect the target again and run 'import-records -f " + file
                    + " --retry-failed' to load only what is missing.");

            session.connect(Side.TARGET, new ConnectionRequest(url, null, null));
            assertThat(importRecords(file.toString(), 600, true)).contains("50,000 rows imported; 1 of 1 tables done");
        }
    }

    @Test
    void aNegativeServerTimeoutIsRefused() {
        DbferryException e = catchThrowableOfType(() -> importRecords("data.json", -1, false), DbferryException.class);
        assertThat(e.kind()).isEqualTo(Kind.USAGE);
        assertThat(e.getMessage()).contains("--server-timeout must be 0 or more seconds");
    }
}
