package io.dbferry.shell.commands;

import io.dbferry.core.DbferryException;
import io.dbferry.core.config.DbferryConfig;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.shell.completion.TableNameCache;
import io.dbferry.testing.TestServers;
import io.dbferry.testing.TestTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.dbferry.shell.progress.ProgressViews;
import io.dbferry.shell.process.LaunchOptions;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commands as the shell calls them, on real databases, without Spring. */
class SchemaAndDemoCommandsTest {

    private final Session session = new Session();
    private final TableNameCache cache = new TableNameCache(session);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        session.close();
    }

    private SchemaCommands schema(List<String> configured) {
        return new SchemaCommands(session, new DbferryConfig(null, null, null, null, null, configured), cache);
    }

    @Test
    void demoCreateThenMigrateAnotherTargetFromTheConfigurationAndInfoOnBothSides() {
        String printed = new DemoCommands(session, cache, new ProgressViews(LaunchOptions.none())).create("sqlite:" + dir.resolve("demo.sqlite3"),
                dir.resolve("media").toString(), 1, null, false, "text");
        assertThat(printed).contains("schema version 2").contains("stock_stockitem").contains("1,100")
                .contains("media: 67 files");
        session.disconnect(Side.TARGET);

        TestTargets.sqlite(session, Side.SOURCE, dir.resolve("demo.sqlite3"));
        TestTargets.sqlite(session, Side.TARGET, dir.resolve("new.sqlite3"));
        SchemaCommands commands = schema(List.of("classpath:db/demo/{vendor}"));
        String info = commands.migrate(null, null, true, false, "text");
        assertThat(info).contains("source: sqlite:").contains("2 applied, 0 pending")
                .contains("target: sqlite:").contains("0 applied, 2 pending").contains("V2__price_breaks_and_attachments.sql");
        assertThat(cache.tables(Side.TARGET)).isEmpty();

        assertThat(commands.migrate(null, "1", false, false, "text"))
                .contains("V1__inventory.sql").contains("version <none> -> 1");
        assertThat(cache.tables(Side.TARGET)).contains("part_part").doesNotContain("common_attachment");
        assertThat(commands.migrate(null, null, false, false, "text")).contains("version 1 -> 2");
        assertThat(cache.tables(Side.TARGET)).contains("common_attachment");
        assertThat(commands.migrate(null, null, false, false, "text")).contains("up to date at version 2");
        assertThat(commands.migrate(null, null, true, false, "json")).contains("\"currentVersion\" : \"2\"");
    }

    @Test
    void migrateWithoutLocationsSaysHowToGiveThem() {
        TestTargets.sqlite(session, Side.TARGET, dir.resolve("t.sqlite3"));
        assertThatThrownBy(() -> schema(List.of()).migrate(null, null, false, false, "text"))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains("--locations").contains("migrations: { locations").contains("copy-schema"));
    }

    @Test
    void repairAfterAFixedMigrationOnPostgresTargetsThatRollBack() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("m"));
        Files.writeString(folder.resolve("V1__bad.sql"), "CREATE TABLE t1 (id INT);\nCREATE TABLE t2 (id NOSUCHTYPE);\n");
        TestTargets.fresh(session, Side.TARGET, TestServers.postgres(), "dbferry_cmd_bad");
        SchemaCommands commands = schema(List.of());
        assertThatThrownBy(() -> commands.migrate("filesystem:" + folder, null, false, false, "text"))
                .isInstanceOfSatisfying(DbferryException.class, e -> assertThat(e.paragraph())
                        .contains("V1__bad.sql").contains("line 2").contains("nosuchtype").contains("rolled back"));
        Files.writeString(folder.resolve("V1__bad.sql"), "CREATE TABLE t1 (id INT);\n");
        assertThat(commands.migrate("filesystem:" + folder, null, false, true, "text")).contains("no repair");
        assertThat(commands.migrate("filesystem:" + folder, null, false, false, "text")).contains("-> 1");
    }
}
