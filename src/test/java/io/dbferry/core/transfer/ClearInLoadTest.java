package io.dbferry.core.transfer;

import io.dbferry.core.DbferryException;
import io.dbferry.core.dump.DumpColumn;
import io.dbferry.core.dump.DumpHeader;
import io.dbferry.core.dump.DumpWriter;
import io.dbferry.core.model.PortableType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.dbferry.core.transfer.TransferSupport.*;
import static io.dbferry.testing.TestDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code --clear}: a table is emptied inside its own load's transaction, so a failed load leaves the old rows;
 * a clear that would orphan rows of a table not being imported (or cascade into it) is refused up front, by
 * name, with nothing written.
 */
class ClearInLoadTest {

    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30Z");

    @TempDir
    Path dir;

    private static ImportOptions clear(Path file) {
        return new ImportOptions(file, List.of(), true, false, ImportOptions.DEFAULT_BATCH_SIZE, false);
    }

    /** parent ids 10, 20; child rows pointing at them; the second child id twice when {@code broken}. */
    private Path dump(boolean withChild, boolean broken) throws Exception {
        Path file = dir.resolve((withChild ? "both" : "parent") + (broken ? "-broken" : "") + ".json");
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", CREATED, "SQLite", "3.45", "s.sqlite3", null))) {
            writer.beginTable("parent", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("name", PortableType.TEXT, "TEXT", true, false)));
            writer.writeRow(new Object[]{10L, "new ten"});
            writer.writeRow(new Object[]{20L, "new twenty"});
            writer.endTable();
            if (withChild) {
                writer.beginTable("child", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                        new DumpColumn("parent_id", PortableType.INTEGER, "INTEGER", true, false)));
                writer.writeRow(new Object[]{1L, 10L});
                writer.writeRow(new Object[]{2L, 20L});
                if (broken) {
                    writer.writeRow(new Object[]{2L, 10L}); // the same key again: the child's load fails
                }
                writer.endTable();
            }
        }
        return file;
    }

    private String target(String engine, String onDelete) throws Exception {
        String url = freshTarget(engine, dir, "dbferry_clear_t1");
        execute(url, "create table parent (id integer primary key, name varchar(40))",
                "create table child (id integer primary key, parent_id integer, "
                        + "constraint child_parent foreign key (parent_id) references parent (id)" + onDelete + ")",
                "insert into parent values (1, 'old one'), (2, 'old two')",
                "insert into child values (7, 1), (8, 2), (9, null)");
        return url;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "mariadb", "postgres"})
    void aFailedLoadAfterItsClearLeavesTheOldRows(String engine) throws Exception {
        String url = target(engine, "");
        Path file = dump(true, true);

        ImportResult result = importFile(url, clear(file));

        ImportJournal.Entry child = result.tables().stream().filter(e -> e.table().equals("child")).findFirst().orElseThrow();
        assertThat(child.state()).as("child: %s", child.reason()).isEqualTo(TableState.FAILED);
        assertThat(strings(url, "select id from child order by id")).as("the child's old rows, untouched by its rolled-back clear")
                .containsExactly("7", "8", "9");
        assertThat(strings(url, "select name from parent order by id")).as("the parent loaded in its own transaction")
                .containsExactly("new ten", "new twenty");

        ImportResult fixed = importFile(url, clear(dump(true, false)));
        assertAllDone(fixed);
        assertThat(strings(url, "select id from child order by id")).containsExactly("1", "2");
        assertAllEqual(verifyAgainstFile(url, dir.resolve("both.json"), List.of()), 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "mariadb", "postgres"})
    void aClearThatWouldOrphanATableNotBeingImportedIsRefusedByNameWritingNothing(String engine) throws Exception {
        String url = target(engine, "");
        Path file = dump(false, false);

        DbferryException refused = catchThrowableOfType(() -> importFile(url, clear(file)), DbferryException.class);

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.kind()).isEqualTo(DbferryException.Kind.CONSTRAINT);
        assertThat(refused.getMessage()).contains("child(parent_id) references parent", "Nothing was written");
        assertThat(refused.nextStep()).contains("--tables");
        assertThat(strings(url, "select name from parent order by id")).containsExactly("old one", "old two");
        assertThat(count(url, "child")).isEqualTo(3);
        assertThat(ImportJournal.read(file)).as("no journal for a refused import").isEmpty();

        // with the child's rows not pointing at anything, nothing is orphaned: the clear goes ahead
        execute(url, "update child set parent_id = null");
        assertAllDone(importFile(url, clear(file)));
        assertThat(strings(url, "select name from parent order by id")).containsExactly("new ten", "new twenty");
        assertThat(count(url, "child")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgres"})
    void aClearThatTheTargetsKeysWouldCascadeIntoAnotherTableIsRefused(String engine) throws Exception {
        String url = target(engine, " on delete cascade");

        DbferryException refused = catchThrowableOfType(() -> importFile(url, clear(dump(false, false))), DbferryException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("child(parent_id) references parent", "cascades");
        assertThat(count(url, "child")).isEqualTo(3);
        assertThat(count(url, "parent")).isEqualTo(2);
    }
}
