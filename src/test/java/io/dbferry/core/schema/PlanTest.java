package io.dbferry.core.schema;

import io.dbferry.core.session.ConnectionRequest;
import io.dbferry.core.session.Session;
import io.dbferry.core.session.Side;
import io.dbferry.core.transfer.ExportOptions;
import io.dbferry.shell.commands.FailedWithReport;
import io.dbferry.shell.commands.PlanCommands;
import io.dbferry.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dbferry.testing.TestDatabases.*;
import static io.dbferry.core.schema.SchemaSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** plan: missing tables, a clean target, lossy conversions, unsupplied NOT NULL columns, load order, files. */
class PlanTest {

    @TempDir
    Path dir;

    private static MigrationPlan.TablePlan table(MigrationPlan plan, String name) {
        return plan.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
    }

    private static MigrationPlan.Conversion conversion(MigrationPlan plan, String table, String column) {
        return table(plan, table).conversions().stream().filter(c -> c.column().equals(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no conversion of " + table + "." + column + " in " + table(plan, table)));
    }

    @Test
    void emptyTargetThenCopySchemaThenTheFile() throws Exception {
        String chinook = sqliteUrl(Datasets.chinookSqlite());
        String pg = freshPostgres("schema_plan_empty");
        MigrationPlan empty = plan(chinook, pg);
        assertThat(empty.wouldFail()).isTrue();
        assertThat(empty.problems()).hasSize(11).allSatisfy(p -> assertThat(p).contains("no such table on the target"));
        assertThat(table(empty, "Track").rows()).isEqualTo(3503);
        assertThat(empty.estimatedSeconds()).isPositive();
        try (Session session = new Session()) {
            session.connect(Side.SOURCE, new ConnectionRequest(chinook, null, null));
            session.connect(Side.TARGET, new ConnectionRequest(pg, null, null));
            assertThatThrownBy(() -> new PlanCommands(session).plan(null, "text"))
                    .isInstanceOfSatisfying(FailedWithReport.class, f -> {
                        assertThat(f.report()).contains("Track").contains("missing");
                        assertThat(f.getMessage()).contains("11 problem(s)");
                    });
            copySchema(chinook, pg);
            String out = new PlanCommands(session).plan(null, "text");
            assertThat(out).contains("load order: ").contains("15,607 rows");
        }
        MigrationPlan after = plan(chinook, pg);
        assertThat(after.wouldFail()).as("%s", after.problems()).isFalse();
        assertThat(after.tables()).allSatisfy(t -> assertThat(t.targetTable()).isNotNull());
        // parents before children
        List<String> order = after.loadOrder();
        assertThat(order).hasSize(11);
        assertThat(order.indexOf("Artist")).isLessThan(order.indexOf("Album"));
        assertThat(order.indexOf("Album")).isLessThan(order.indexOf("Track"));
        assertThat(order.indexOf("Genre")).isLessThan(order.indexOf("Track"));
        assertThat(order.indexOf("Track")).isLessThan(order.indexOf("InvoiceLine"));
        assertThat(order.indexOf("Invoice")).isLessThan(order.indexOf("InvoiceLine"));
        assertThat(order.indexOf("Playlist")).isLessThan(order.indexOf("PlaylistTrack"));

        // the dump file plans the same
        Path file = dir.resolve("chinook.json.gz");
        export(chinook, ExportOptions.all(file));
        MigrationPlan fromFile = planFile(file, pg);
        assertThat(fromFile.wouldFail()).isFalse();
        assertThat(fromFile.loadOrder()).isEqualTo(after.loadOrder());
        assertThat(fromFile.tables()).extracting(MigrationPlan.TablePlan::table, MigrationPlan.TablePlan::rows)
                .containsExactlyInAnyOrderElementsOf(after.tables().stream()
                        .map(t -> org.assertj.core.groups.Tuple.tuple(t.table(), t.rows())).toList());
        assertThat(fromFile.estimatedSeconds()).isEqualTo(after.estimatedSeconds());
    }

    /** plan lists what copy-schema --dry-run lists for the tables the target lacks: the same notes, from the same code. */
    @Test
    void planShowsTheSchemaNotesOfCopySchemaDryRun() throws Exception {
        Path file = dir.resolve("notes.sqlite");
        String sqlite = sqliteUrl(file);
        execute(sqlite, "create table item (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE UNIQUE,"
                + " qty INTEGER NOT NULL DEFAULT 1, added TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),"
                + " odd TEXT DEFAULT (lower(hex(randomblob(4)))), CHECK (qty >= 0))");
        String pg = freshPostgres("schema_plan_notes");
        List<SchemaNote> dryRun = copySchema(sqlite, pg, List.of(), Map.of(), true).notes();
        assertThat(dryRun).extracting(SchemaNote::place, SchemaNote::what).contains(
                org.assertj.core.groups.Tuple.tuple("item.qty", "default"), org.assertj.core.groups.Tuple.tuple("item.odd", "default"));
        assertThat(dryRun).filteredOn(n -> n.place().equals("item.odd")).singleElement()
                .satisfies(n -> assertThat(n.outcome()).isEqualTo(SchemaNote.Outcome.NOT_CARRIED));
        MigrationPlan planned = plan(sqlite, pg);
        assertThat(planned.schemaNotes()).isEqualTo(dryRun);
        try (Session session = new Session()) {
            session.connect(Side.SOURCE, new ConnectionRequest(sqlite, null, null));
            session.connect(Side.TARGET, new ConnectionRequest(pg, null, null));
            assertThatThrownBy(() -> new PlanCommands(session).plan(null, "text"))
                    .isInstanceOfSatisfying(FailedWithReport.class, f -> assertThat(f.report())
                            .contains("tables the target lacks (copy-schema)", "item.odd", "NOT CARRIED", "item.qty"));
        }
        copySchema(sqlite, pg);
        assertThat(plan(sqlite, pg).schemaNotes()).as("every table there: nothing left for copy-schema").isEmpty();
    }

    @Test
    void lossyConversionsAndUnsuppliedColumns() throws Exception {
        String src = sqliteUrl(dir.resolve("lossy.sqlite"));
        execute(src, "create table item (id integer primary key, note text, price real, label varchar(5), name text)",
                "insert into item values (1, 'a long note', 0.995, 'abc', 'Zoë 🐈')");
        for (String to : List.of(freshMaria("schema_plan_lossy"), freshPostgres("schema_plan_lossy"))) {
            boolean mysql = to.startsWith("mysql:");
            execute(to, "create table item (id integer primary key, note varchar(10), price decimal(10,2), label varchar(20), "
                    + "name varchar(50)" + (mysql ? " character set utf8mb3" : "") + ", extra integer not null)");
            MigrationPlan plan = plan(src, to);
            assertThat(conversion(plan, "item", "note").risk()).contains("longer than 10");
            assertThat(conversion(plan, "item", "price").risk()).contains("more than 2 decimals is refused");
            assertThat(table(plan, "item").conversions()).noneMatch(c -> c.column().equals("label") && c.risk() != null);
            if (mysql) {
                assertThat(conversion(plan, "item", "name").risk()).contains("utf8mb3");
            }
            assertThat(plan.problems()).containsExactly("item: column extra is NOT NULL on the target and gets no value");
            assertThat(plan.wouldFail()).isTrue();

            Path file = dir.resolve("lossy" + mysql + ".json");
            export(src, ExportOptions.all(file));
            MigrationPlan fromFile = planFile(file, to);
            // the file's plan adds every value the target cannot hold exactly: the long note, the emoji, 0.995 into DECIMAL(10,2)
            assertThat(fromFile.problems()).startsWith(plan.problems().toArray(String[]::new));
            assertThat(fromFile.valueProblems()).isEqualTo(mysql ? 3 : 2); // PostgreSQL holds the emoji
            assertThat(fromFile.problems()).anySatisfy(p -> assertThat(p).contains("column price").contains("\"0.995\""));
            assertThat(table(fromFile, "item").conversions()).extracting(MigrationPlan.Conversion::column, MigrationPlan.Conversion::risk)
                    .isEqualTo(table(plan, "item").conversions().stream()
                            .map(c -> org.assertj.core.groups.Tuple.tuple(c.column(), c.risk())).toList());
        }
        String maria = freshMaria("schema_plan_latin1");
        execute(maria, "create table item (id integer primary key, note text character set latin1, price double, "
                + "label varchar(5), name text)");
        MigrationPlan latin1 = plan(src, maria);
        assertThat(conversion(latin1, "item", "note").risk()).contains("latin1");
        assertThat(latin1.wouldFail()).isFalse();
    }
}
