package io.dbferry.core.transfer;

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

/**
 * A foreign key that only the target declares (its source had none, so the file puts the child before
 * its parent): it holds before the child commits; a violating child fails, is rolled back and
 * journaled FAILED, verify does not say equal, and a retry after fixing the file loads it.
 */
class TargetOnlyForeignKeyTest {

    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30Z");

    @TempDir
    Path dir;

    /** The child first, as a source without the key may order it; one child row (id 2) points at a missing parent unless fixed. */
    private Path dump(long secondParent) throws Exception {
        Path file = dir.resolve("no-keys.json");
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", CREATED, "SQLite", "3.45", "s.sqlite3", null))) {
            writer.beginTable("child", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                    new DumpColumn("parent_id", PortableType.INTEGER, "INTEGER", true, false)));
            writer.writeRow(new Object[]{1L, 1L});
            writer.writeRow(new Object[]{2L, secondParent});
            writer.writeRow(new Object[]{3L, null});
            writer.endTable();
            writer.beginTable("parent", List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true)));
            writer.writeRow(new Object[]{1L});
            writer.writeRow(new Object[]{2L});
            writer.endTable();
        }
        return file;
    }

    private String target(String engine) throws Exception {
        String url = freshTarget(engine, dir, "dbferry_target_fk");
        execute(url, "create table parent (id integer primary key)",
                "create table child (id integer primary key, parent_id integer, "
                        + "constraint child_parent foreign key (parent_id) references parent (id))");
        return url;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "mariadb", "postgres"})
    void aViolatedTargetOnlyKeyFailsTheTableAndARetryAfterTheFixLoadsIt(String engine) throws Exception {
        String url = target(engine);
        Path file = dump(7L);

        ImportResult result = importAll(url, file);

        ImportJournal.Entry child = result.tables().stream().filter(e -> e.table().equals("child")).findFirst().orElseThrow();
        assertThat(child.state()).as("child: %s", child.reason()).isEqualTo(TableState.FAILED);
        assertThat(child.reason()).contains("child [id]=[2]", "missing parent");
        assertThat(result.succeeded()).isFalse();
        assertThat(count(url, "child")).as("the child rolled back").isZero();
        assertThat(count(url, "parent")).isEqualTo(2);
        assertThat(ImportJournal.read(file).orElseThrow().entry("child").orElseThrow().state()).isEqualTo(TableState.FAILED);
        assertThat(verifyAgainstFile(url, file, List.of()).allEqual()).isFalse();
        if (engine.equals("postgres")) {
            // nothing violating is committed, so the constraint may stay marked validated
            assertThat(strings(url, "select count(*) from child c where c.parent_id is not null "
                    + "and not exists (select 1 from parent p where p.id = c.parent_id)")).containsExactly("0");
        }

        dump(2L); // the file fixed by hand, as the same export
        ImportResult retried = importFile(url, retry(file));

        assertAllDone(retried);
        assertThat(retried.tables()).extracting(ImportJournal.Entry::table).containsExactly("child");
        assertThat(count(url, "child")).isEqualTo(3);
        assertAllEqual(verifyAgainstFile(url, file, List.of()), 2);
    }

    /** A cycle (a -> b -> a) whose first table points at a missing row of the second: both emptied again and FAILED. */
    private Path cycleDump(long aPointsAt) throws Exception {
        Path file = dir.resolve("cycle.json");
        try (DumpWriter writer = DumpWriter.create(file, new DumpHeader(1, "0.1.0", CREATED, "SQLite", "3.45", "s.sqlite3", null))) {
            for (String[] t : new String[][]{{"a", "b_id"}, {"b", "a_id"}}) {
                writer.beginTable(t[0], List.of(new DumpColumn("id", PortableType.INTEGER, "INTEGER", false, true),
                        new DumpColumn(t[1], PortableType.INTEGER, "INTEGER", true, false)));
                writer.writeRow(new Object[]{1L, t[0].equals("a") ? aPointsAt : 1L});
                writer.endTable();
            }
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "mariadb", "postgres"})
    void aViolatedKeyWithinACycleEmptiesTheCycleAgainAndARetryAfterTheFixLoadsIt(String engine) throws Exception {
        String url = freshTarget(engine, dir, "dbferry_target_cycle");
        if (engine.equals("sqlite")) { // SQLite cannot add a constraint later, and resolves a key's table only when it is used
            execute(url, "create table a (id integer primary key, b_id integer references b (id))",
                    "create table b (id integer primary key, a_id integer references a (id))");
        } else {
            execute(url, "create table a (id integer primary key, b_id integer)",
                    "create table b (id integer primary key, a_id integer, constraint b_a foreign key (a_id) references a (id))",
                    "alter table a add constraint a_b foreign key (b_id) references b (id)");
        }
        Path file = cycleDump(9L);

        ImportResult result = importAll(url, file);

        assertThat(result.tables()).extracting(ImportJournal.Entry::state).containsOnly(TableState.FAILED);
        assertThat(result.tables().get(0).reason()).contains("a [id]=[1]", "missing b");
        assertThat(count(url, "a") + count(url, "b")).as("both emptied again").isZero();
        assertThat(verifyAgainstFile(url, file, List.of()).allEqual()).isFalse();

        cycleDump(1L);
        ImportResult retried = importFile(url, retry(file));

        assertAllDone(retried);
        assertAllEqual(verifyAgainstFile(url, file, List.of()), 2);
    }
}
